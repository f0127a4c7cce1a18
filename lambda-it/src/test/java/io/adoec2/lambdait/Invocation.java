package io.adoec2.lambdait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * What the emulator answered to one invocation. A function error is an answer too: HTTP 200
 * with {@code errorType} and {@code errorMessage} in the body, as Lambda's Invoke API gives it.
 */
record Invocation(int status, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the function's answer is not JSON: " + body, e);
        }
    }

    /** The class of the exception the function ended with, when it failed. */
    Optional<String> errorType() {
        JsonNode json = json();
        return json != null && json.has("errorType") ? Optional.of(json.get("errorType").asText()) : Optional.empty();
    }
}
