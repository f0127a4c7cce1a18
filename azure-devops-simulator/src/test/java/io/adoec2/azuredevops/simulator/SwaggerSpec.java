package io.adoec2.azuredevops.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One Swagger 2.0 file of the Azure DevOps REST spec: its operations' response schemas and its definitions. */
final class SwaggerSpec {

    private static final String BOM = "\uFEFF";

    private final String name;
    private final JsonNode root;

    private SwaggerSpec(String name, JsonNode root) {
        this.name = name;
        this.root = root;
    }

    /**
     * The spec files are test resources of this module (copied with their licence and provenance into
     * {@code src/test/resources/azure-devops-rest-spec/}, see SOURCE.md there).
     */
    static SwaggerSpec load(String fileName) {
        String resource = "/azure-devops-rest-spec/" + fileName;
        try (InputStream in = SwaggerSpec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("REST spec resource " + resource + " is missing from the test classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new SwaggerSpec(fileName, Http.JSON.readTree(text.startsWith(BOM) ? text.substring(1) : text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    String name() {
        return name;
    }

    /**
     * The 200 response schema of an operation, by its full operationId or by the first word of it (the
     * spec appends words to some, e.g. "Vmresource_Replace Virtual Machine Resource"); a first word
     * shared by several operations must be given in full. Missing node when the response has no body.
     */
    Optional<JsonNode> responseSchema(String operationId, String method) {
        List<JsonNode> exact = new ArrayList<>();
        List<JsonNode> byFirstWord = new ArrayList<>();
        for (String section : new String[] {"paths", "x-ms-paths"}) {
            for (Map.Entry<String, JsonNode> path : root.path(section).properties()) {
                JsonNode operation = path.getValue().path(method.toLowerCase(Locale.ROOT));
                String id = operation.path("operationId").asText("");
                if (id.equals(operationId)) {
                    exact.add(operation);
                } else if (id.split(" ")[0].equals(operationId)) {
                    byFirstWord.add(operation);
                }
            }
        }
        List<JsonNode> found = exact.isEmpty() ? byFirstWord : exact;
        if (found.size() > 1) {
            throw new IllegalStateException(name + ": " + method + " " + operationId + " is ambiguous: "
                    + found.stream().map(op -> op.path("operationId").asText()).toList());
        }
        return found.stream().findFirst().map(op -> op.path("responses").path("200").path("schema"));
    }

    JsonNode definition(String definitionName) {
        JsonNode definition = root.path("definitions").get(definitionName);
        if (definition == null) {
            throw new IllegalStateException(name + " has no definition " + definitionName);
        }
        return definition;
    }

    /** Follows "#/definitions/X" references until a schema without $ref. */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/definitions/")) {
                throw new IllegalStateException(name + ": unsupported $ref " + ref);
            }
            current = definition(ref.substring("#/definitions/".length()));
        }
        return current;
    }
}
