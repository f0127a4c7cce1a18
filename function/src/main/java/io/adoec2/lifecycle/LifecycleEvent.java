package io.adoec2.lifecycle;

import java.time.Instant;
import java.util.Optional;

/**
 * What happened to an instance, whatever wire format it arrived in. The event sources parse
 * their messages into these at the edge; nothing past this point sees SNS, SQS or EventBridge.
 */
public sealed interface LifecycleEvent {

    /** Where the event came from, for logs: the source kind and its message id. */
    String origin();

    /** The instance the event is about; empty for informational messages. */
    default String instance() {
        return switch (this) {
            case Launched e -> e.instanceId();
            case Terminated e -> e.instanceId();
            case HookAction e -> e.instanceId();
            case WarmPoolReturn e -> e.instanceId();
            case SpotInterruption e -> e.instanceId();
            case Informational e -> "";
        };
    }

    /** An instance was launched into an Auto Scaling group. */
    record Launched(String instanceId, Optional<String> autoScalingGroup, Instant at, String origin)
            implements LifecycleEvent {}

    /** An instance was terminated (or is being terminated) and its VM resource must go. */
    record Terminated(String instanceId, Optional<String> autoScalingGroup, Instant at, String origin)
            implements LifecycleEvent {}

    /**
     * An instance held by a lifecycle action until we complete it: the action's first delivery
     * ({@code check} 0) or one of our own re-checks while we wait for the instance's VM
     * resource to appear (launch) or for its agent's job to finish (terminate). Handling is the
     * same every time: look at the world now, then complete the action or check again later.
     */
    record HookAction(String instanceId, LifecycleHook hook, Instant startedAt, int check, String origin)
            implements LifecycleEvent {}

    /**
     * An instance scaled in to a warm pool rather than terminated: it stops and will come back
     * with its agent configured, so its registration stays.
     */
    record WarmPoolReturn(String instanceId, LifecycleHook hook, String origin) implements LifecycleEvent {}

    /** EC2 will reclaim a Spot instance in two minutes: its agent must take no new job. */
    record SpotInterruption(String instanceId, Instant at, String origin) implements LifecycleEvent {}

    /**
     * A message that needs no action (a test notification, a failed launch that never produced
     * an instance, an event type we do not act on); it is logged and acknowledged.
     */
    record Informational(String kind, String description, String origin) implements LifecycleEvent {}
}
