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

    /** An instance was launched into an Auto Scaling group. */
    record Launched(String instanceId, Optional<String> autoScalingGroup, Instant at, String origin)
            implements LifecycleEvent {}

    /** An instance was terminated (or is being terminated) and its VM resource must go. */
    record Terminated(String instanceId, Optional<String> autoScalingGroup, Instant at, String origin)
            implements LifecycleEvent {}

    /**
     * A message that needs no action (a test notification, a failed launch that never produced
     * an instance, an event type we do not act on); it is logged and acknowledged.
     */
    record Informational(String kind, String description, String origin) implements LifecycleEvent {}
}
