package io.adoec2.azuredevops;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.json.JsonTree;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps Azure DevOps JSON (read as a tree: no reflection-bound classes to load at cold start) to
 * the port's records. Required fields that are missing make an error naming the operation;
 * fields Azure DevOps may leave out map to empty values.
 */
final class AdoJson {
    private AdoJson() {}

    static JsonNode parse(Operation operation, int status, String body) {
        try {
            JsonNode node = JsonTree.parse(body);
            if (node == null || !node.isObject()) {
                throw unexpected(operation, status, "the body is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw unexpected(operation, status, "the body is not JSON");
        }
    }

    /** The items of a list response, {@code {"count": n, "value": [...]}}. */
    static List<JsonNode> values(Operation operation, JsonNode body) {
        JsonNode value = body.path("value");
        if (!value.isArray()) {
            throw unexpected(operation, 200, "no \"value\" array in the list");
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

    static ProjectRef project(Operation operation, JsonNode node) {
        return new ProjectRef(text(operation, node, "id"), text(operation, node, "name"));
    }

    /** EnvironmentInstance.project (a ProjectReference), absent when the answer carried none. */
    static Optional<ProjectRef> environmentProject(Operation operation, JsonNode node) {
        JsonNode project = node.path("project");
        return project.isObject() && project.path("id").isTextual() && project.path("name").isTextual()
                ? Optional.of(project(operation, project)) : Optional.empty();
    }

    static EnvironmentRef environment(Operation operation, String projectId, JsonNode node) {
        return new EnvironmentRef(projectId, integer(operation, node, "id"), text(operation, node, "name"));
    }

    static VmResource vmResource(Operation operation, JsonNode node) {
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(tag -> tags.add(tag.asText()));
        JsonNode agent = node.path("agent");
        return new VmResource(integer(operation, node, "id"), text(operation, node, "name"), tags,
                instant(operation, node, "createdOn").orElseThrow(() -> missing(operation, "createdOn")),
                agent.isObject() ? Optional.of(agent(operation, agent)) : Optional.empty());
    }

    static Agent agent(Operation operation, JsonNode node) {
        JsonNode request = node.path("assignedRequest");
        Optional<AgentJob> job = request.isObject()
                ? Optional.of(new AgentJob(request.path("requestId").asLong(), request.path("jobName").asText(""),
                        instant(operation, request, "assignTime")))
                : Optional.empty();
        return new Agent(integer(operation, node, "id"), text(operation, node, "name"), node.path("version").asText(""),
                status(node.path("status").asText("")),
                // Azure DevOps always sends it; absent would mean a new agent, and those start enabled.
                node.path("enabled").asBoolean(true),
                job);
    }

    private static Agent.Status status(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "online" -> Agent.Status.ONLINE;
            case "offline" -> Agent.Status.OFFLINE;
            default -> Agent.Status.UNKNOWN;
        };
    }

    static int poolId(Operation operation, JsonNode node) {
        return integer(operation, node, "id");
    }

    private static String text(Operation operation, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw missing(operation, field);
        }
        return value.asText();
    }

    private static int integer(Operation operation, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw missing(operation, field);
        }
        return value.intValue();
    }

    /** Azure DevOps writes UTC with up to 7 fraction digits, sometimes without an offset. */
    private static Optional<Instant> instant(Operation operation, JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException withoutOffset) {
            try {
                return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                throw unexpected(operation, 200, "\"" + field + "\" is not a date-time");
            }
        }
    }

    private static AzureDevOpsException missing(Operation operation, String field) {
        return unexpected(operation, 200, "no \"" + field + "\" where the spec has one");
    }

    private static AzureDevOpsException unexpected(Operation operation, int status, String what) {
        return new AzureDevOpsException(operation.id(), status,
                operation.id() + " returned an unexpected response (HTTP " + status + "): " + what);
    }
}
