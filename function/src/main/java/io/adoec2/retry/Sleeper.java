package io.adoec2.retry;

import java.time.Duration;

/** How a caller waits between attempts; tests and simulate pass one that passes time without sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return Thread::sleep;
    }
}
