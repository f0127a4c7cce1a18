package io.adoec2.azuredevops;

import java.time.Duration;

/** How the client waits between attempts; tests pass one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return Thread::sleep;
    }
}
