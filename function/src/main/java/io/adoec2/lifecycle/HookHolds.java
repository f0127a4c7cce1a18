package io.adoec2.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What holding an instance in a lifecycle action takes: keeping the action alive with
 * heartbeats, telling a superseded delivery from the current one, and asking for the next look.
 */
final class HookHolds {
    private final LifecycleActions actions;
    private final Rechecks rechecks;
    private final HookSettings settings;
    private final Clock clock;

    HookHolds(LifecycleActions actions, Rechecks rechecks, HookSettings settings, Clock clock) {
        this.actions = actions;
        this.rechecks = rechecks;
        this.settings = settings;
        this.clock = clock;
    }

    /** A delivery older than the one the record expects next: another handler already acted on it. */
    boolean superseded(InstanceRecord record, LifecycleEvent.HookAction action) {
        return record.hook()
                .filter(pending -> pending.hook().token().equals(action.hook().token()))
                .map(pending -> action.check() < pending.nextCheck())
                .orElse(false);
    }

    /**
     * The pending hook to store before asking for the next look: heartbeats first when a quarter
     * of the heartbeat timeout has passed since the last one. A quarter, not a half: a look that
     * fails comes back only after the queue's visibility timeout, and the action must outlive that.
     */
    PendingHook beforeNextLook(InstanceRecord record, LifecycleEvent.HookAction action) {
        Instant now = clock.instant();
        PendingHook pending = record.hook()
                .filter(known -> known.hook().token().equals(action.hook().token()))
                .orElse(new PendingHook(action.hook(), action.startedAt(), action.startedAt(), 0));
        if (!pending.lastHeartbeatAt().plus(settings.heartbeatTimeout().dividedBy(4)).isAfter(now)) {
            actions.heartbeat(action.hook(), action.instanceId());
            pending = pending.heartbeatAt(now);
        }
        return pending.expecting(action.check() + 1);
    }

    /**
     * Asks for the next look; call before writing the record that expects it. An invocation can
     * die (or the queue refuse the message) between the two: a record expecting a look that was
     * never sent would make the redelivered look count as superseded and leave the action to time
     * out, while a look sent for a record that was not written is only one look too many, which
     * the record's sequence number and conditional writes reduce to one.
     */
    void lookAgainLater(LifecycleEvent.HookAction action) {
        rechecks.schedule(new LifecycleEvent.HookAction(action.instanceId(), action.hook(), action.startedAt(),
                action.check() + 1, action.origin()), untilNextLook());
    }

    /**
     * Until the next tick of the re-check interval's grid, counted from the epoch so that every container
     * agrees on it: the looks at every held instance fall together, and one listing of the environment (or of
     * the pool) serves all of them instead of one per instance at times of their own. Never longer than the
     * interval, so heartbeats keep their pace; in whole seconds, as SQS delays are, rounded up so a look lands
     * on its tick and not just before it.
     */
    Duration untilNextLook() {
        long interval = settings.recheckInterval().toMillis();
        long now = clock.millis();
        long nextTick = Math.floorDiv(now, interval) * interval + interval;
        return Duration.ofSeconds(Math.ceilDiv(nextTick - now, 1000));
    }

    boolean complete(LifecycleEvent.HookAction action, LifecycleActions.Result result) {
        return actions.complete(action.hook(), action.instanceId(), result);
    }

    HookSettings settings() {
        return settings;
    }
}
