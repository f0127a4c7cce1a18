package io.adoec2.cli.simulate;

import java.time.Duration;
import java.util.List;

/**
 * The knobs of a simulated Auto Scaling run; times are simulated seconds.
 *
 * @param hooks                   the group has launch and terminate lifecycle hooks (events via SQS), else
 *                                it sends the original SNS notifications
 * @param busyFraction            share of instances running a deployment job when scale-in picks them
 * @param registrationFailureRate share of instances whose userdata never registers them
 */
record ScenarioSettings(
        long seed,
        int instances,
        int waveSize,
        double waveIntervalSeconds,
        double bootSecondsMin,
        double bootSecondsMax,
        double steadySeconds,
        double jobSecondsMin,
        double jobSecondsMax,
        boolean hooks,
        double busyFraction,
        double registrationFailureRate,
        Duration heartbeatTimeout,
        List<String> resourceTags,
        String functionIdentity) {

    ScenarioSettings {
        resourceTags = List.copyOf(resourceTags);
    }
}
