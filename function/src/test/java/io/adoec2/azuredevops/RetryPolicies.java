package io.adoec2.azuredevops;

/** Retry policies tests need: the defaults with another bound on attempts. */
final class RetryPolicies {
    private RetryPolicies() {
    }

    static RetryPolicy defaultsWithMaxAttempts(int maxAttempts) {
        RetryPolicy defaults = RetryPolicy.defaults();
        return new RetryPolicy(maxAttempts, defaults.baseDelay(), defaults.maxDelay(), defaults.maxRetryAfter());
    }
}
