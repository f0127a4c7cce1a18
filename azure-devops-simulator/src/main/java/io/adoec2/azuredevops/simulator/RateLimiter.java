package io.adoec2.azuredevops.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts each identity's requests over the sliding window of its {@link RateLimit}. Within the limit a
 * request goes through at once; past it, it is delayed (the caller holds the answer back that long);
 * at {@link RateLimit#blockedAt()} it is refused with 429 and Retry-After and not counted. While limiting
 * is on every response carries the X-RateLimit-* headers with the meanings Azure DevOps documents, and delayed
 * and refused ones X-RateLimit-Delay and Retry-After as {@link RateLimit} describes.
 */
final class RateLimiter {

    /** Shown to humans only, as Azure DevOps advises for its own value. */
    private static final String RESOURCE = "Core/Simulator";

    /**
     * Whether the request may proceed, how long its answer is held back, and the headers every response
     * carries.
     */
    record Verdict(boolean allowed, Duration delay, long retryAfterSeconds, List<Map.Entry<String, String>> headers) {
    }

    private static final Verdict UNLIMITED = new Verdict(true, Duration.ZERO, 0, List.of());

    private final Clock clock;
    private RateLimit limit;
    private final Map<String, Deque<Instant>> windows = new HashMap<>();

    RateLimiter(Clock clock) {
        this.clock = clock;
    }

    synchronized void set(RateLimit newLimit) {
        limit = newLimit;
        windows.clear();
    }

    synchronized Verdict admit(String identityId) {
        if (limit == null) {
            return UNLIMITED;
        }
        Instant now = clock.instant();
        Deque<Instant> window = windows.computeIfAbsent(identityId, id -> new ArrayDeque<>());
        while (!window.isEmpty() && !window.peekFirst().plus(RateLimit.WINDOW).isAfter(now)) {
            window.pollFirst();
        }
        boolean allowed = window.size() < limit.blockedAt();
        Duration delay = Duration.ZERO;
        if (allowed) {
            window.addLast(now);
            delay = limit.delayAt(window.size());
        }
        Instant reset = window.isEmpty() ? now : window.peekLast().plus(RateLimit.WINDOW);
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(
                Map.entry("X-RateLimit-Resource", RESOURCE),
                Map.entry("X-RateLimit-Limit", Integer.toString(limit.limit())),
                Map.entry("X-RateLimit-Remaining", Integer.toString(Math.max(0, limit.limit() - window.size()))),
                Map.entry("X-RateLimit-Reset", Long.toString(ceilSeconds(reset)))));
        if (!delay.isZero()) {
            // "Except for X-RateLimit-Delay, all these headers are sent before requests start getting delayed."
            headers.add(Map.entry("X-RateLimit-Delay", String.format(Locale.ROOT, "%.3f", delay.toMillis() / 1000.0)));
        }
        // Retry-After: "how long to wait before you send your next request to fall under the detection
        // threshold", also on the delayed answers ("The response still returns HTTP 200"), counted from when the
        // answer leaves, after its delay. Blocked requests are not counted, so the window holds exactly blockedAt then.
        long retryAfter = 0;
        if (!allowed || !delay.isZero()) {
            retryAfter = secondsUntil(now.plus(delay), underTheLimitAt(window));
            headers.add(Map.entry("Retry-After", Long.toString(retryAfter)));
        }
        return new Verdict(allowed, delay, retryAfter, headers);
    }

    /** When enough of the window's usage has left it that the next request is no longer delayed. */
    private Instant underTheLimitAt(Deque<Instant> window) {
        int mustLeave = window.size() - limit.limit() + 1;
        Instant leaving = window.peekFirst();
        for (Iterator<Instant> oldest = window.iterator(); mustLeave-- > 0 && oldest.hasNext(); ) {
            leaving = oldest.next();
        }
        return leaving.plus(RateLimit.WINDOW);
    }

    private static long secondsUntil(Instant now, Instant then) {
        long millis = Duration.between(now, then).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private static long ceilSeconds(Instant instant) {
        return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
    }
}
