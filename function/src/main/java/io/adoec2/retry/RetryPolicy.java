package io.adoec2.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how long to wait before trying a call again, for every remote call the function makes
 * (Azure DevOps and AWS): exponential backoff with full jitter (a random wait between zero and the
 * exponential ceiling, so many clients failing together do not retry together), a higher base for
 * throttling than for other failures (a throttled server needs the pressure off, a dropped
 * connection only another try), the server's Retry-After taken as given, and a bound on attempts.
 * The invocation's {@link Deadline} bounds all of it.
 *
 * @param maxAttempts        attempts per call, the first included (1 = never retry)
 * @param baseDelay          ceiling of the first backoff after a failure that is not throttling; it
 *                           doubles with each retry
 * @param throttledBaseDelay the same after throttling (429, or a throttling error code)
 * @param maxDelay           the highest backoff ceiling
 * @param maxRetryAfter      the longest Retry-After the caller waits for; a longer one fails the call
 *                           at once, since retrying earlier than asked only earns another refusal
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration throttledBaseDelay, Duration maxDelay,
                          Duration maxRetryAfter) {

    /** Azure DevOps' usage window: no Retry-After need be longer for the window to have emptied. */
    public static final Duration AZURE_DEVOPS_LONGEST_RETRY_AFTER = Duration.ofMinutes(5);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        requirePositive("baseDelay", baseDelay);
        requirePositive("throttledBaseDelay", throttledBaseDelay);
        requirePositive("maxDelay", maxDelay);
        requirePositive("maxRetryAfter", maxRetryAfter);
        if (maxDelay.compareTo(baseDelay) < 0 || maxDelay.compareTo(throttledBaseDelay) < 0) {
            throw new IllegalArgumentException("maxDelay " + maxDelay + " is below baseDelay " + baseDelay
                    + " or throttledBaseDelay " + throttledBaseDelay);
        }
    }

    /**
     * Azure DevOps: throttling usually names its Retry-After; the backoff covers 5xx and dropped connections. A
     * Retry-After is "how long to wait before you send your next request to fall under the detection threshold"
     * of usage counted over a sliding five-minute window (https://learn.microsoft.com/en-us/azure/devops/integrate/
     * concepts/rate-limits, ms.date 09/15/2025, read 2026-11-30), so it can be up to the whole window: honoured up
     * to {@link #AZURE_DEVOPS_LONGEST_RETRY_AFTER}. The invocation's {@link Deadline} still bounds it: one longer
     * than the time left hands the event back for redelivery.
     */
    public static RetryPolicy azureDevOps() {
        return new RetryPolicy(5, Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(8),
                AZURE_DEVOPS_LONGEST_RETRY_AFTER);
    }


    /**
     * AWS APIs: the SDK's standard retry mode (3 attempts, 100 ms base, 1 s base after throttling,
     * 20 s cap; software.amazon.awssdk.retries.DefaultRetryStrategy, SDK 2.25+).
     */
    public static RetryPolicy aws() {
        return new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(20),
                Duration.ofSeconds(20));
    }

    /** HTTP statuses worth another attempt: the server was busy, throttling or briefly broken. */
    public static boolean isRetryable(int status) {
        return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
    }

    /** Whether a call that has made {@code attemptsMade} attempts may make another. */
    public boolean allowsAnotherAttempt(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /** Whether the caller waits as long as the server's Retry-After asks, rather than giving up. */
    public boolean accepts(Duration retryAfter) {
        return retryAfter.compareTo(maxRetryAfter) <= 0;
    }

    /** The backoff before retry number {@code retry} after a failure that is not throttling. */
    public Duration backoff(int retry, double random) {
        return backoff(retry, false, random);
    }

    /**
     * The backoff before retry number {@code retry} (1 for the first retry) when the server named
     * no Retry-After: uniformly random between zero and the ceiling for that retry.
     *
     * @param random a uniform value in [0, 1), from {@link Jitter}
     */
    public Duration backoff(int retry, boolean throttled, double random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1, was " + retry);
        }
        return Duration.ofNanos((long) (ceiling(retry, throttled).toNanos() * random));
    }

    /** base * 2^(retry-1), capped at maxDelay. */
    Duration ceiling(int retry, boolean throttled) {
        int doublings = Math.min(retry - 1, 30);
        Duration grown = (throttled ? throttledBaseDelay : baseDelay).multipliedBy(1L << doublings);
        return grown.compareTo(maxDelay) > 0 ? maxDelay : grown;
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
