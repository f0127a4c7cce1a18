package io.adoec2.events.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.events.JsonFields;
import io.adoec2.lifecycle.LifecycleEvent;
import io.adoec2.lifecycle.Printable;
import java.time.Instant;
import java.util.Optional;

/**
 * The detail of "EC2 Instance State-change Notification": {@code {"instance-id":..,"state":..}}.
 * Only "terminated" matters: it is the safety net for instances that leave without a hook.
 */
final class InstanceStateChangeDetail {
    private InstanceStateChangeDetail() {}

    static LifecycleEvent parse(JsonNode detail, String path, Instant time, String origin) {
        String instanceId = JsonFields.instanceId(detail, "instance-id", path);
        String state = JsonFields.text(detail, "state", path);
        if (state.equals("terminated")) {
            return new LifecycleEvent.Terminated(instanceId, Optional.empty(), time, origin);
        }
        return new LifecycleEvent.Informational("EC2 Instance State-change Notification",
                instanceId + " is " + Printable.of(state), origin);
    }
}
