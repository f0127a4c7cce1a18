package io.adoec2.azuredevops.simulator;

/**
 * Per-identity request budget over a sliding one-minute window. Azure DevOps itself meters "TSTUs"
 * over five minutes; a request count per minute is the simplest model that still makes a client
 * honour 429, Retry-After and the X-RateLimit-* headers.
 */
public record RateLimit(int requestsPerMinute) {

    public RateLimit {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute must be at least 1, was " + requestsPerMinute);
        }
    }
}
