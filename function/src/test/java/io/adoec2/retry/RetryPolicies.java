package io.adoec2.retry;

/** Retry policies tests need: a preset with another bound on attempts. */
public final class RetryPolicies {
    private RetryPolicies() {
    }

    public static RetryPolicy withMaxAttempts(RetryPolicy preset, int maxAttempts) {
        return new RetryPolicy(maxAttempts, preset.baseDelay(), preset.throttledBaseDelay(), preset.maxDelay(),
                preset.maxRetryAfter());
    }
}
