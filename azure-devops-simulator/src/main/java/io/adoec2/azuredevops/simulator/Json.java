package io.adoec2.azuredevops.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;

/** The one ObjectMapper, and request-body reading that fails the way Azure DevOps does. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JsonNode always serializes", e);
        }
    }

    /** The request body as a JSON object; a missing, malformed or non-object body is a 400 naming the parameter. */
    static JsonNode readObject(byte[] body, String parameterName) {
        JsonNode node;
        try {
            node = body.length == 0 ? null : MAPPER.readTree(body);
        } catch (IOException e) {
            throw AdoException.webApi(400, "VssRequestContentException",
                    "The request body could not be read as JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw AdoException.system(400, "ArgumentNullException",
                    "Value cannot be null.\r\nParameter name: " + parameterName);
        }
        if (!node.isObject()) {
            throw AdoException.webApi(400, "VssRequestContentException",
                    "The request body for " + parameterName + " must be a JSON object, was " + node.getNodeType());
        }
        return node;
    }

    static String text(Instant instant) {
        return instant.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
