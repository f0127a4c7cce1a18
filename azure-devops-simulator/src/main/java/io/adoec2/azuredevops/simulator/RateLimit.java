package io.adoec2.azuredevops.simulator;

import java.time.Duration;

/**
 * Per-identity usage budget, after Microsoft's "Rate and usage limits" for Azure DevOps Services
 * (https://learn.microsoft.com/en-us/azure/devops/integrate/concepts/rate-limits, read 2026-11-30):
 * usage is counted over a sliding five-minute window; beyond the limit requests are first delayed (from
 * milliseconds up to 30 s, still answered, with X-RateLimit-Delay), and further beyond it refused with 429
 * and Retry-After. The service counts TSTUs, which no formula derives from a request; here one request
 * costs one TSTU.
 *
 * <p>The option keeps its historic unit, requests a minute: the window's limit is five minutes of it.
 * Where the delay phase ends and how the delay grows are undocumented; this model is pessimistic: the
 * delay phase is only half the limit wide, the delay rises linearly to the documented maximum of 30 s at
 * its end, and from there every request is refused until enough usage has left the window.
 *
 * <p>The headers, as the same page's "API client experience" table words them (MicrosoftDocs/azure-devops-docs,
 * docs/integrate/concepts/rate-limits.md, ms.date 09/15/2025, commit 0b6325bf): X-RateLimit-Limit, -Remaining (0
 * once delayed or blocked), -Reset (when usage would return to 0 if all consumption stopped) and -Resource on every
 * response while limiting is on ("all these headers are sent before requests start getting delayed"); X-RateLimit-Delay
 * only on a delayed answer; Retry-After ("how long to wait before you send your next request to fall under the
 * detection threshold") on a delayed answer, which is still a 200 ("The response still returns HTTP 200"), and on a
 * 429: here, until enough usage has left the window that the next request would not be delayed.
 */
public record RateLimit(int requestsPerMinute) {

    /** The documented sliding window. */
    public static final Duration WINDOW = Duration.ofMinutes(5);
    /** The documented longest delay of one request. */
    public static final Duration LONGEST_DELAY = Duration.ofSeconds(30);

    public RateLimit {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute must be at least 1, was " + requestsPerMinute);
        }
    }

    /** TSTUs (requests) in the window before requests are delayed: X-RateLimit-Limit. */
    public int limit() {
        return Math.multiplyExact(requestsPerMinute, (int) WINDOW.toMinutes());
    }

    /** Usage in the window from which requests are refused rather than delayed. */
    public int blockedAt() {
        return limit() + delayedRequests();
    }

    /** How many requests past the limit are delayed before refusals begin. */
    int delayedRequests() {
        return Math.max(1, limit() / 2);
    }

    /** The delay of the request that brings the window's usage to {@code usage}. */
    Duration delayAt(int usage) {
        int excess = usage - limit();
        if (excess <= 0) {
            return Duration.ZERO;
        }
        return LONGEST_DELAY.multipliedBy(Math.min(excess, delayedRequests())).dividedBy(delayedRequests());
    }
}
