package io.adoec2.events.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.events.JsonFields;
import io.adoec2.events.MalformedEventException;
import io.adoec2.lifecycle.LifecycleEvent;
import io.adoec2.lifecycle.LifecycleHook;
import io.adoec2.lifecycle.Printable;
import java.time.Instant;
import java.util.Optional;

/**
 * A lifecycle action as Auto Scaling describes it, to a hook's SNS or SQS target or in an
 * EventBridge event's detail: {@code {"LifecycleActionToken":..,"AutoScalingGroupName":..,
 * "LifecycleHookName":..,"EC2InstanceId":..,"LifecycleTransition":"autoscaling:EC2_INSTANCE_LAUNCHING",
 * "Origin":..,"Destination":..,"Time":..}}.
 */
public final class LifecycleHookNotification {
    private static final String LAUNCHING = "autoscaling:EC2_INSTANCE_LAUNCHING";
    private static final String TERMINATING = "autoscaling:EC2_INSTANCE_TERMINATING";

    private LifecycleHookNotification() {}

    /** Whether a JSON message is a lifecycle action notification (it names a transition). */
    public static boolean matches(JsonNode body) {
        return body.isObject() && body.has("LifecycleTransition");
    }

    /** A hook's own notification, which carries its time as "Time". */
    public static LifecycleEvent parse(JsonNode body, String path, String origin) {
        return parse(body, path, JsonFields.instant(body, "Time", path), origin);
    }

    /** @param time when the instance entered the wait state */
    public static LifecycleEvent parse(JsonNode body, String path, Instant time, String origin) {
        String transition = JsonFields.text(body, "LifecycleTransition", path);
        LifecycleHook.Transition kind = switch (transition) {
            case LAUNCHING -> LifecycleHook.Transition.LAUNCHING;
            case TERMINATING -> LifecycleHook.Transition.TERMINATING;
            default -> throw new MalformedEventException(path + ".LifecycleTransition",
                    "'" + Printable.of(transition) + "' is not a lifecycle transition");
        };
        String instanceId = JsonFields.instanceId(body, "EC2InstanceId", path);
        LifecycleHook hook = new LifecycleHook(kind, JsonFields.text(body, "AutoScalingGroupName", path),
                JsonFields.text(body, "LifecycleHookName", path), JsonFields.text(body, "LifecycleActionToken", path));
        Optional<String> destination = JsonFields.optionalText(body, "Destination", path);
        if (kind == LifecycleHook.Transition.TERMINATING && destination.filter("WarmPool"::equals).isPresent()) {
            return new LifecycleEvent.WarmPoolReturn(instanceId, hook, origin);
        }
        return new LifecycleEvent.HookAction(instanceId, hook, time, 0, origin);
    }
}
