package io.adoec2.azuredevops.simulator;

import java.time.Duration;

/**
 * How an injected latency passes before the simulator answers: a real sleep by default; a caller
 * running in simulated time passes its own time instead, so a slow answer costs no wall time.
 */
@FunctionalInterface
public interface Pause {
    void pass(Duration latency) throws InterruptedException;

    static Pause sleeping() {
        return Thread::sleep;
    }
}
