package io.adoec2.events.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.events.JsonFields;
import io.adoec2.lifecycle.LifecycleEvent;
import io.adoec2.lifecycle.Printable;
import java.time.Instant;
import java.util.Optional;

/**
 * An Auto Scaling notification as SNS carries it in its Message: {@code {"Event":
 * "autoscaling:EC2_INSTANCE_LAUNCH","EC2InstanceId":"i-...","AutoScalingGroupName":...,
 * "Time":...,"StatusCode":...,"Description":...}}. TEST_NOTIFICATION and the *_ERROR events
 * carry nothing to act on.
 */
public final class AutoScalingNotification {
    private static final String LAUNCH = "autoscaling:EC2_INSTANCE_LAUNCH";
    private static final String TERMINATE = "autoscaling:EC2_INSTANCE_TERMINATE";

    private AutoScalingNotification() {}

    /** Whether an SNS message body is an Auto Scaling notification at all (it has an "Event"). */
    public static boolean matches(JsonNode body) {
        return body.isObject() && body.has("Event") && !body.has("LifecycleTransition");
    }

    public static LifecycleEvent parse(JsonNode body, String origin) {
        String path = "$.Message";
        String event = JsonFields.text(body, "Event", path);
        Optional<String> group = JsonFields.optionalText(body, "AutoScalingGroupName", path);
        switch (event) {
            case LAUNCH, TERMINATE -> {
                String instanceId = JsonFields.instanceId(body, "EC2InstanceId", path);
                Instant at = JsonFields.instant(body, "Time", path);
                return event.equals(LAUNCH)
                        ? new LifecycleEvent.Launched(instanceId, group, at, origin)
                        : new LifecycleEvent.Terminated(instanceId, group, at, origin);
            }
            default -> {
                String description = JsonFields.optionalText(body, "Description", path)
                        .or(() -> JsonFields.optionalText(body, "StatusMessage", path)).orElse("");
                return new LifecycleEvent.Informational(Printable.of(event),
                        group.map(g -> "group " + Printable.of(g) + ": ").orElse("") + Printable.of(description),
                        origin);
            }
        }
    }
}
