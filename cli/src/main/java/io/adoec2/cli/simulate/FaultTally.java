package io.adoec2.cli.simulate;

import java.util.EnumMap;
import java.util.Map;

/**
 * How many faults of each kind a run injected; every kind is reported, zero included. Counted from
 * the simulator's threads too (a slow answer), so synchronized.
 */
final class FaultTally {
    private final Map<FaultKind, Integer> counts = new EnumMap<>(FaultKind.class);

    FaultTally() {
        for (FaultKind kind : FaultKind.values()) {
            counts.put(kind, 0);
        }
    }

    synchronized void count(FaultKind kind) {
        add(kind, 1);
    }

    synchronized void add(FaultKind kind, int n) {
        counts.merge(kind, n, Integer::sum);
    }

    /** Every kind in declaration order. */
    synchronized Map<FaultKind, Integer> snapshot() {
        return new EnumMap<>(counts);
    }
}
