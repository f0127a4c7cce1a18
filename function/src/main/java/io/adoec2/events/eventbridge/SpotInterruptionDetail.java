package io.adoec2.events.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.events.JsonFields;
import io.adoec2.lifecycle.LifecycleEvent;
import java.time.Instant;

/** The detail of "EC2 Spot Instance Interruption Warning": {@code {"instance-id":..,"instance-action":..}}. */
final class SpotInterruptionDetail {
    private SpotInterruptionDetail() {}

    static LifecycleEvent parse(JsonNode detail, String path, Instant time, String origin) {
        String instanceId = JsonFields.instanceId(detail, "instance-id", path);
        JsonFields.text(detail, "instance-action", path);
        return new LifecycleEvent.SpotInterruption(instanceId, time, origin);
    }
}
