package io.adoec2.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.json.JsonTree;
import io.adoec2.lifecycle.Printable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads fields out of AWS's JSON with errors that name the field by its path, so a bad message
 * says exactly what was wrong with it.
 */
public final class JsonFields {
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8}([0-9a-f]{9})?");

    private JsonFields() {}

    public static JsonNode parse(String json, String path) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException(path, "is empty");
        }
        try {
            return JsonTree.parse(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(path, "is not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    public static JsonNode object(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw new MalformedEventException(path + "." + name, "is missing");
        }
        if (!node.isObject()) {
            throw new MalformedEventException(path + "." + name, "must be an object, not " + node.getNodeType());
        }
        return node;
    }

    public static String text(JsonNode parent, String name, String path) {
        return optionalText(parent, name, path)
                .orElseThrow(() -> new MalformedEventException(path + "." + name, "is missing"));
    }

    public static Optional<String> optionalText(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new MalformedEventException(path + "." + name, "must be a string, not " + node.getNodeType());
        }
        return Optional.of(node.asText());
    }

    public static Instant instant(JsonNode parent, String name, String path) {
        String value = text(parent, name, path);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(path + "." + name, "'" + Printable.of(value) + "' is not an ISO-8601 time");
        }
    }

    public static String instanceId(JsonNode parent, String name, String path) {
        String value = text(parent, name, path);
        if (!INSTANCE_ID.matcher(value).matches()) {
            throw new MalformedEventException(path + "." + name, "'" + Printable.of(value) + "' is not an EC2 instance id");
        }
        return value;
    }
}
