package io.adoec2.events.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.events.JsonFields;
import io.adoec2.events.MalformedEventException;
import io.adoec2.lifecycle.Printable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The event an EventBridge schedule rule sends its target: {@code "source":"aws.events"},
 * {@code "detail-type":"Scheduled Event"}, the time it fired and the rule's ARN in
 * {@code resources}. Only the reconciler is invoked this way; anything else sent to it is an error.
 */
public record ScheduledEvent(String id, Instant time, List<String> resources) {
    static final String SOURCE = "aws.events";
    static final String DETAIL_TYPE = "Scheduled Event";

    public ScheduledEvent {
        resources = List.copyOf(resources);
    }

    /** @throws MalformedEventException naming the field that is missing or wrong */
    public static ScheduledEvent parse(String json) {
        JsonNode event = JsonFields.parse(json, "$");
        if (!event.isObject()) {
            throw new MalformedEventException("$", "must be an object, not " + event.getNodeType());
        }
        expect(event, "source", SOURCE);
        expect(event, "detail-type", DETAIL_TYPE);
        List<String> resources = new ArrayList<>();
        JsonNode list = event.path("resources");
        if (!list.isMissingNode() && !list.isArray()) {
            throw new MalformedEventException("$.resources", "must be an array, not " + list.getNodeType());
        }
        for (JsonNode resource : list) {
            if (!resource.isTextual()) {
                throw new MalformedEventException("$.resources", "must hold strings, not " + resource.getNodeType());
            }
            resources.add(resource.asText());
        }
        return new ScheduledEvent(JsonFields.text(event, "id", "$"), JsonFields.instant(event, "time", "$"), resources);
    }

    private static void expect(JsonNode event, String field, String expected) {
        String value = JsonFields.text(event, field, "$");
        if (!value.equals(expected)) {
            throw new MalformedEventException("$." + field, "is '" + Printable.of(value) + "', not '" + expected
                    + "': the reconciler takes only EventBridge schedule events");
        }
    }
}
