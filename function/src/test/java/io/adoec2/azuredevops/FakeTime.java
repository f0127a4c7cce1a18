package io.adoec2.azuredevops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when the client sleeps, and remembers every sleep: fast, exact tests. */
final class FakeTime extends Clock implements Sleeper {
    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    FakeTime(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
    }

    synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    synchronized Duration slept() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("FakeTime is UTC only");
    }
}
