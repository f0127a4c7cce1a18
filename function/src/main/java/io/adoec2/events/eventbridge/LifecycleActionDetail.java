package io.adoec2.events.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.events.autoscaling.LifecycleHookNotification;
import io.adoec2.lifecycle.LifecycleEvent;
import java.time.Instant;

/**
 * The detail of "EC2 Instance-launch/terminate Lifecycle Action": the same fields Auto Scaling
 * sends to a hook's own SNS or SQS target ({@code LifecycleActionToken, AutoScalingGroupName,
 * LifecycleHookName, EC2InstanceId, LifecycleTransition, Origin, Destination}), minus the time,
 * which EventBridge carries on the envelope.
 */
final class LifecycleActionDetail {
    private LifecycleActionDetail() {}

    static LifecycleEvent parse(JsonNode detail, String path, Instant time, String origin) {
        return LifecycleHookNotification.parse(detail, path, time, origin);
    }
}
