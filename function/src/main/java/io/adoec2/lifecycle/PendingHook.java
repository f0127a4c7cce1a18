package io.adoec2.lifecycle;

import java.time.Instant;

/**
 * A lifecycle action that holds an instance in Pending:Wait or Terminating:Wait until we
 * complete it. {@code lastHeartbeatAt} is when its heartbeat timeout last restarted (the
 * action's start, or our last heartbeat). {@code nextCheck} is the number of the one re-check
 * that may act next: a delivery with a lower number is a duplicate, so re-checks never multiply.
 */
public record PendingHook(LifecycleHook hook, Instant startedAt, Instant lastHeartbeatAt, int nextCheck) {

    /** The same action after a heartbeat at {@code now}. */
    public PendingHook heartbeatAt(Instant now) {
        return new PendingHook(hook, startedAt, now, nextCheck);
    }

    /** The same action with re-check {@code check} scheduled. */
    public PendingHook expecting(int check) {
        return new PendingHook(hook, startedAt, lastHeartbeatAt, check);
    }
}
