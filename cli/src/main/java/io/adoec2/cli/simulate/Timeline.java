package io.adoec2.cli.simulate;

import java.time.Instant;
import java.util.PriorityQueue;

/**
 * The scenario's pending happenings in time order (ties in the order they were scheduled), run
 * one at a time on the virtual clock: a discrete-event simulation, deterministic by construction.
 */
final class Timeline {
    private record Entry(Instant at, long sequence, Runnable action) {}

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> {
        int byTime = a.at().compareTo(b.at());
        return byTime != 0 ? byTime : Long.compare(a.sequence(), b.sequence());
    });
    private final VirtualClock clock;
    private long sequence;

    Timeline(VirtualClock clock) {
        this.clock = clock;
    }

    void at(Instant time, Runnable action) {
        queue.add(new Entry(time, sequence++, action));
    }

    Instant now() {
        return clock.instant();
    }

    void afterSeconds(double seconds, Runnable action) {
        at(clock.instant().plusMillis(Math.round(seconds * 1000)), action);
    }

    /** Whether nothing more is scheduled. */
    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Runs everything scheduled, including what the actions schedule, until nothing is left. */
    void runToEnd() {
        while (!queue.isEmpty()) {
            Entry next = queue.poll();
            clock.advanceTo(next.at());
            next.action().run();
        }
    }
}
