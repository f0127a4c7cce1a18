package io.adoec2.aws.call;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Bounded retries for calls that failed in a way that may pass (throttling, 5xx, no answer),
 * with exponential backoff and jitter, like the SDK's standard retry mode.
 */
final class Retries {

    static final int MAX_ATTEMPTS = 3;
    private static final Duration BASE_DELAY = Duration.ofMillis(100);

    private Retries() {
    }

    static <T> T call(Supplier<T> attempt) {
        for (int done = 1; ; done++) {
            try {
                return attempt.get();
            } catch (AwsCallException e) {
                if (!e.isRetryable() || done == MAX_ATTEMPTS) {
                    throw e;
                }
                pause(done);
            }
        }
    }

    private static void pause(int attemptsDone) {
        long ceiling = BASE_DELAY.toMillis() << attemptsDone;
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry an AWS call", e);
        }
    }
}
