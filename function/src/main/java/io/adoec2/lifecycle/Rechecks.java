package io.adoec2.lifecycle;

import java.time.Duration;

/**
 * Brings a held instance back for another look after a delay, so that waiting never holds a
 * Lambda invocation: the queue keeps the time, not a sleeping function.
 */
public interface Rechecks {

    void schedule(LifecycleEvent.HookAction next, Duration delay);
}
