package io.adoec2.azuredevops;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how long to wait before trying a call again: exponential backoff with full jitter
 * (a random wait between zero and the exponential ceiling, so many clients failing together do
 * not retry together), the server's Retry-After taken as given, and a bound on attempts.
 *
 * @param maxAttempts   attempts per call, the first included (1 = never retry)
 * @param baseDelay     ceiling of the first backoff; it doubles with each retry
 * @param maxDelay      the highest backoff ceiling
 * @param maxRetryAfter the longest Retry-After the client waits for; a longer one fails the call at
 *                      once, since retrying earlier than asked only earns another refusal
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        requirePositive("baseDelay", baseDelay);
        requirePositive("maxDelay", maxDelay);
        requirePositive("maxRetryAfter", maxRetryAfter);
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("maxDelay " + maxDelay + " is below baseDelay " + baseDelay);
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(250), Duration.ofSeconds(8), Duration.ofSeconds(60));
    }

    /** Statuses worth another attempt: the server was busy, throttling or briefly broken. */
    public static boolean isRetryable(int status) {
        return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
    }

    /** Whether a call that has made {@code attemptsMade} attempts may make another. */
    public boolean allowsAnotherAttempt(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /** Whether the client waits as long as the server's Retry-After asks, rather than giving up. */
    public boolean accepts(Duration retryAfter) {
        return retryAfter.compareTo(maxRetryAfter) <= 0;
    }

    /**
     * The backoff before retry number {@code retry} (1 for the first retry) when the server named
     * no Retry-After: uniformly random between zero and the ceiling for that retry.
     *
     * @param random a uniform value in [0, 1)
     */
    public Duration backoff(int retry, double random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1, was " + retry);
        }
        return Duration.ofNanos((long) (ceiling(retry).toNanos() * random));
    }

    /** baseDelay * 2^(retry-1), capped at maxDelay. */
    Duration ceiling(int retry) {
        int doublings = Math.min(retry - 1, 30);
        Duration grown = baseDelay.multipliedBy(1L << doublings);
        return grown.compareTo(maxDelay) > 0 ? maxDelay : grown;
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
