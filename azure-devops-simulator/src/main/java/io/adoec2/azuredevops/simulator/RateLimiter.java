package io.adoec2.azuredevops.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts each identity's requests over a sliding minute. Over the limit a request is blocked (429 with
 * Retry-After, not counted); while limiting is on every response carries the X-RateLimit-* headers with
 * the meanings Azure DevOps documents, in requests where it counts TSTUs.
 */
final class RateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    /** Shown to humans only, as Azure DevOps advises for its own value. */
    private static final String RESOURCE = "Core/Simulator";

    /** Whether the request may proceed, and the headers every response carries. */
    record Verdict(boolean allowed, long retryAfterSeconds, List<Map.Entry<String, String>> headers) {
    }

    private static final Verdict UNLIMITED = new Verdict(true, 0, List.of());

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
        while (!window.isEmpty() && !window.peekFirst().plus(WINDOW).isAfter(now)) {
            window.pollFirst();
        }
        boolean allowed = window.size() < limit.requestsPerMinute();
        if (allowed) {
            window.addLast(now);
        }
        long retryAfter = allowed ? 0 : secondsUntil(now, window.peekFirst().plus(WINDOW));
        Instant reset = window.isEmpty() ? now : window.peekLast().plus(WINDOW);
        List<Map.Entry<String, String>> headers = List.of(
                Map.entry("X-RateLimit-Resource", RESOURCE),
                Map.entry("X-RateLimit-Delay", "0.000"),
                Map.entry("X-RateLimit-Limit", Integer.toString(limit.requestsPerMinute())),
                Map.entry("X-RateLimit-Remaining", Integer.toString(limit.requestsPerMinute() - window.size())),
                Map.entry("X-RateLimit-Reset", Long.toString(ceilSeconds(reset))));
        return new Verdict(allowed, retryAfter, headers);
    }

    private static long secondsUntil(Instant now, Instant then) {
        long millis = Duration.between(now, then).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private static long ceilSeconds(Instant instant) {
        return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
    }
}
