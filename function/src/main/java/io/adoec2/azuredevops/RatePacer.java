package io.adoec2.azuredevops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Spaces requests so the client slows down before Azure DevOps starts refusing it. Shared by all
 * threads using one client: Azure DevOps limits per identity, so one thread's Retry-After or
 * exhausted budget holds back the others too. Each request reserves a start time; waiting
 * happens outside the lock.
 */
final class RatePacer {
    private final Clock clock;
    private Instant nextStart = Instant.MIN;
    private Duration spacing = Duration.ZERO;

    RatePacer(Clock clock) {
        this.clock = clock;
    }

    /** Reserves the next start time; returns how long the caller must wait for it. */
    synchronized Duration reserve() {
        Instant now = clock.instant();
        Instant start = nextStart.isAfter(now) ? nextStart : now;
        nextStart = start.plus(spacing);
        return Duration.between(now, start);
    }

    /** Takes a response's throttle headers into account for the requests that follow. */
    synchronized void observe(ThrottleHeaders headers) {
        Instant now = clock.instant();
        spacing = headers.spacing(now);
        notBefore(now.plus(spacing));
    }

    /** No request starts before this instant (a Retry-After). */
    synchronized void notBefore(Instant instant) {
        if (instant.isAfter(nextStart)) {
            nextStart = instant;
        }
    }
}
