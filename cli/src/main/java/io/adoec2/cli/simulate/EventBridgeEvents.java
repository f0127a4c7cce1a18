package io.adoec2.cli.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adoec2.lifecycle.LifecycleHook;
import java.time.Instant;
import java.util.UUID;

/** The EventBridge events a hooked group and EC2 send, field for field as AWS documents them. */
final class EventBridgeEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012";

    private final String region;

    EventBridgeEvents(String region) {
        this.region = region;
    }

    String lifecycleAction(String instanceId, LifecycleHook hook, Instant at, UUID eventId) {
        boolean launch = hook.transition() == LifecycleHook.Transition.LAUNCHING;
        ObjectNode event = envelope(launch ? "EC2 Instance-launch Lifecycle Action"
                : "EC2 Instance-terminate Lifecycle Action", "aws.autoscaling", at, eventId,
                "arn:aws:autoscaling:" + region + ":" + ACCOUNT + ":autoScalingGroup:"
                        + UUID.nameUUIDFromBytes(hook.autoScalingGroup().getBytes()) + ":autoScalingGroupName/"
                        + hook.autoScalingGroup());
        ObjectNode detail = event.putObject("detail");
        detail.put("LifecycleActionToken", hook.token());
        detail.put("AutoScalingGroupName", hook.autoScalingGroup());
        detail.put("LifecycleHookName", hook.hookName());
        detail.put("EC2InstanceId", instanceId);
        detail.put("LifecycleTransition", launch ? "autoscaling:EC2_INSTANCE_LAUNCHING"
                : "autoscaling:EC2_INSTANCE_TERMINATING");
        detail.put("Origin", launch ? "EC2" : "AutoScalingGroup");
        detail.put("Destination", launch ? "AutoScalingGroup" : "EC2");
        return event.toString();
    }

    String terminated(String instanceId, Instant at, UUID eventId) {
        ObjectNode event = envelope("EC2 Instance State-change Notification", "aws.ec2", at, eventId,
                "arn:aws:ec2:" + region + ":" + ACCOUNT + ":instance/" + instanceId);
        ObjectNode detail = event.putObject("detail");
        detail.put("instance-id", instanceId);
        detail.put("state", "terminated");
        return event.toString();
    }

    private ObjectNode envelope(String detailType, String source, Instant at, UUID eventId, String resource) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", eventId.toString());
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", ACCOUNT);
        event.put("time", at.toString());
        event.put("region", region);
        event.putArray("resources").add(resource);
        return event;
    }
}
