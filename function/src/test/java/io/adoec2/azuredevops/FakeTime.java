package io.adoec2.azuredevops;

import io.adoec2.retry.Sleeper;
import io.adoec2.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when the client sleeps, and remembers every sleep: fast, exact tests. */
final class FakeTime extends MutableClock implements Sleeper {
    private final List<Duration> sleeps = new ArrayList<>();

    FakeTime(Instant start) {
        super(start);
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        advance(duration);
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    synchronized Duration slept() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
