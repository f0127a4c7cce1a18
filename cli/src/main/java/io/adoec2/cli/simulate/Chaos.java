package io.adoec2.cli.simulate;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * The dice of a chaos run and its tally. Each kind of fault rolls its own random stream derived
 * from the seed, so turning one kind up or down leaves the rolls of every other kind as they were.
 */
final class Chaos {
    private final ChaosSettings settings;
    private final long seed;
    private final Map<FaultKind, Random> streams = new EnumMap<>(FaultKind.class);
    private final FaultTally tally = new FaultTally();

    Chaos(ChaosSettings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
    }

    ChaosSettings settings() {
        return settings;
    }

    FaultTally tally() {
        return tally;
    }

    /** Whether a fault of this kind strikes now; not counted, since some strike only if they can. */
    boolean strikes(FaultKind kind) {
        double rate = settings.rate(kind);
        return rate > 0 && stream(kind).nextDouble() < rate;
    }

    /** A uniform value in [min, max) from the kind's stream: when, how long or how many. */
    double between(FaultKind kind, double min, double max) {
        return min + stream(kind).nextDouble() * (max - min);
    }

    /** A uniform whole number in [min, max]. */
    int oneOf(FaultKind kind, int min, int max) {
        return min + stream(kind).nextInt(max - min + 1);
    }

    void injected(FaultKind kind) {
        tally.count(kind);
    }

    private Random stream(FaultKind kind) {
        return streams.computeIfAbsent(kind, k -> new Random(seed * 31 + k.ordinal() * 0x9e3779b97f4a7c15L));
    }
}
