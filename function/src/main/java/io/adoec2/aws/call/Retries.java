package io.adoec2.aws.call;

import io.adoec2.retry.Deadline;
import io.adoec2.retry.DeadlineReachedException;
import io.adoec2.retry.Jitter;
import io.adoec2.retry.RetryPolicy;
import io.adoec2.retry.Sleeper;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Bounded retries of AWS calls that failed in a way that may pass (throttling, 5xx, no answer),
 * by the function's one {@link RetryPolicy} (the SDK's standard mode: a longer backoff after
 * throttling), never waiting past the invocation's {@link Deadline}.
 */
final class Retries {

    static final RetryPolicy POLICY = RetryPolicy.aws();

    private Retries() {
    }

    static <T> T call(Supplier<T> attempt) {
        return call(attempt, POLICY, Sleeper.system(), Deadline.current());
    }

    static <T> T call(Supplier<T> attempt, RetryPolicy policy, Sleeper sleeper, Deadline deadline) {
        for (int done = 1; ; done++) {
            if (deadline.passed()) {
                throw new DeadlineReachedException("AWS call not attempted: the invocation's deadline has passed");
            }
            try {
                return attempt.get();
            } catch (AwsCallException e) {
                if (!e.isRetryable() || !policy.allowsAnotherAttempt(done)) {
                    throw e;
                }
                Duration wait = policy.backoff(done, e.isThrottling(), Jitter.shared().next());
                if (!deadline.allows(wait)) {
                    throw new DeadlineReachedException(e.getMessage() + "; not retried: the backoff of "
                            + wait.toMillis() + " ms would pass the invocation's deadline", e);
                }
                pause(sleeper, wait);
            }
        }
    }

    private static void pause(Sleeper sleeper, Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry an AWS call", e);
        }
    }
}
