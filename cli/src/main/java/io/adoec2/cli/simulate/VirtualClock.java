package io.adoec2.cli.simulate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Simulated time: hours of Auto Scaling activity run in seconds, and the same seed gives the
 * same run. Only the scenario moves it forward.
 */
final class VirtualClock extends Clock {
    private volatile Instant now;

    VirtualClock(Instant start) {
        this.now = start;
    }

    void advanceTo(Instant time) {
        if (time.isAfter(now)) {
            now = time;
        }
    }

    Duration elapsedSince(Instant start) {
        return Duration.between(start, now);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("simulated time is UTC");
    }
}
