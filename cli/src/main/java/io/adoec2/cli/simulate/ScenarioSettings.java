package io.adoec2.cli.simulate;

import java.util.List;

/** The knobs of a simulated Auto Scaling run; times are simulated seconds. */
record ScenarioSettings(
        long seed,
        int instances,
        int waveSize,
        double waveIntervalSeconds,
        double bootSecondsMin,
        double bootSecondsMax,
        double steadySeconds,
        List<String> resourceTags,
        String functionIdentity) {

    ScenarioSettings {
        resourceTags = List.copyOf(resourceTags);
    }
}
