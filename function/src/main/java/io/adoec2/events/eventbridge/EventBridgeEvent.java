package io.adoec2.events.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.events.JsonFields;
import io.adoec2.events.MalformedEventException;
import io.adoec2.lifecycle.LifecycleEvent;
import io.adoec2.lifecycle.Printable;
import java.time.Instant;

/**
 * An EventBridge event as a rule delivers it to its target: {@code {"version":"0","id":...,
 * "detail-type":...,"source":...,"time":...,"detail":{...}}}. The detail's shape depends on
 * the detail-type; each one we act on has its own reader beside this class.
 */
public final class EventBridgeEvent {
    private static final String LAUNCH_ACTION = "EC2 Instance-launch Lifecycle Action";
    private static final String TERMINATE_ACTION = "EC2 Instance-terminate Lifecycle Action";
    private static final String SPOT_WARNING = "EC2 Spot Instance Interruption Warning";
    private static final String STATE_CHANGE = "EC2 Instance State-change Notification";

    private EventBridgeEvent() {}

    /** Whether a JSON message is an EventBridge event at all. */
    public static boolean matches(JsonNode body) {
        return body.isObject() && body.has("detail-type") && body.has("detail");
    }

    public static LifecycleEvent parse(JsonNode body, String path, String origin) {
        String detailType = JsonFields.text(body, "detail-type", path);
        String source = JsonFields.text(body, "source", path);
        Instant time = JsonFields.instant(body, "time", path);
        JsonNode detail = JsonFields.object(body, "detail", path);
        String detailPath = path + ".detail";
        return switch (detailType) {
            case LAUNCH_ACTION, TERMINATE_ACTION -> {
                requireSource(source, "aws.autoscaling", path);
                yield LifecycleActionDetail.parse(detail, detailPath, time, origin);
            }
            case SPOT_WARNING -> {
                requireSource(source, "aws.ec2", path);
                yield SpotInterruptionDetail.parse(detail, detailPath, time, origin);
            }
            case STATE_CHANGE -> {
                requireSource(source, "aws.ec2", path);
                yield InstanceStateChangeDetail.parse(detail, detailPath, time, origin);
            }
            default -> new LifecycleEvent.Informational(Printable.of(detailType),
                    "an EventBridge event from " + Printable.of(source) + " that we do not act on", origin);
        };
    }

    /** A rule matching on detail-type alone must not let another source pose as EC2 or Auto Scaling. */
    private static void requireSource(String source, String expected, String path) {
        if (!source.equals(expected)) {
            throw new MalformedEventException(path + ".source", "is '" + Printable.of(source) + "', expected '"
                    + expected + "' for this detail-type");
        }
    }
}
