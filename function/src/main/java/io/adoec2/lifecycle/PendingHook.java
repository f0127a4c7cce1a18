package io.adoec2.lifecycle;

import java.time.Instant;

/**
 * A lifecycle action that holds an instance in Pending:Wait or Terminating:Wait until we
 * complete it. {@code lastHeartbeatAt} is when its heartbeat timeout last restarted (the
 * action's start, or our last heartbeat): it times out that long after.
 */
public record PendingHook(LifecycleHook hook, Instant startedAt, Instant lastHeartbeatAt) {

    public PendingHook heartbeatAt(Instant now) {
        return new PendingHook(hook, startedAt, now);
    }
}
