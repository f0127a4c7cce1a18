package io.adoec2.azuredevops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Spaces requests so the client slows down before Azure DevOps starts delaying or refusing it, and never
 * serves a delay twice: what the server held back is time already waited. Shared by all
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

    /**
     * Takes a response's throttle headers into account for the requests that follow: they start no closer
     * together than the window frees, counted from when this request was sent, so the time Azure DevOps held its
     * answer back (X-RateLimit-Delay) counts towards that gap instead of being waited again; and none before its
     * Retry-After, on whatever status it came.
     */
    synchronized void observe(ThrottleHeaders headers, Instant sentAt) {
        Instant now = clock.instant();
        spacing = headers.spacing(now);
        notBefore(sentAt.plus(spacing));
        headers.retryAfter().ifPresent(wait -> notBefore(now.plus(wait)));
    }

    /** No request starts before this instant (a Retry-After). */
    synchronized void notBefore(Instant instant) {
        if (instant.isAfter(nextStart)) {
            nextStart = instant;
        }
    }
}
