package io.adoec2.azuredevops.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON value against a Swagger schema the strict way round: every field present must be
 * declared (directly, through $ref or through allOf) with a compatible JSON type and, for enums, a
 * declared value. Fields the schema declares but the value lacks are fine: Azure DevOps omits empty ones.
 */
final class SchemaChecker {

    private final SwaggerSpec spec;
    private final List<String> problems = new ArrayList<>();

    private SchemaChecker(SwaggerSpec spec) {
        this.spec = spec;
    }

    /** A list response: Azure DevOps wraps the spec's array as {"count": n, "value": [...]}. */
    static List<String> checkResponse(SwaggerSpec spec, JsonNode schema, JsonNode body) {
        SchemaChecker checker = new SchemaChecker(spec);
        JsonNode resolved = spec.resolve(schema);
        if ("array".equals(resolved.path("type").asText())) {
            checker.checkListWrapper(body, resolved);
        } else {
            checker.check("$", resolved, body);
        }
        return checker.problems;
    }

    private void checkListWrapper(JsonNode body, JsonNode arraySchema) {
        if (!body.isObject()) {
            problems.add("$: a list response must be {count, value}, was " + body.getNodeType());
            return;
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!field.equals("count") && !field.equals("value")) {
                problems.add("$." + field + ": a list response has only count and value");
            }
        }
        if (!body.path("count").isInt()) {
            problems.add("$.count: must be an integer");
        }
        check("$.value", arraySchema, body.path("value"));
        if (body.path("value").isArray() && body.path("count").asInt(-1) != body.get("value").size()) {
            problems.add("$.count: " + body.path("count") + " but value has " + body.get("value").size() + " items");
        }
    }

    private void check(String where, JsonNode schemaOrRef, JsonNode value) {
        JsonNode schema = spec.resolve(schemaOrRef);
        if (value.isNull()) {
            problems.add(where + ": null (Azure DevOps omits empty fields)");
            return;
        }
        String type = typeOf(schema);
        switch (type) {
            case "object" -> checkObject(where, schema, value);
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(where + ": expected array, was " + value.getNodeType());
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(where + "[" + i + "]", schema.path("items"), value.get(i));
                }
            }
            case "string" -> checkString(where, schema, value);
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(where + ": expected integer, was " + value.getNodeType());
                } else if ("int32".equals(schema.path("format").asText()) && !value.canConvertToInt()) {
                    problems.add(where + ": " + value + " does not fit int32");
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(where + ": expected number, was " + value.getNodeType());
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(where + ": expected boolean, was " + value.getNodeType());
                }
            }
            default -> problems.add(where + ": the schema has unsupported type '" + type + "'");
        }
    }

    private void checkObject(String where, JsonNode schema, JsonNode value) {
        if (!value.isObject()) {
            problems.add(where + ": expected object, was " + value.getNodeType());
            return;
        }
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        JsonNode additional = collect(schema, properties);
        boolean freeForm = properties.isEmpty() && additional == null;
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String at = where + "." + field.getKey();
            JsonNode declared = properties.get(field.getKey());
            if (declared != null) {
                check(at, declared, field.getValue());
            } else if (additional != null && additional.isObject()) {
                check(at, additional, field.getValue());
            } else if (!freeForm && (additional == null || !additional.asBoolean(false))) {
                problems.add(at + ": not declared in the schema");
            }
        }
    }

    /** Gathers the properties of a schema and its allOf parts; returns its additionalProperties, if any. */
    private JsonNode collect(JsonNode schemaOrRef, Map<String, JsonNode> properties) {
        JsonNode schema = spec.resolve(schemaOrRef);
        schema.path("properties").properties().forEach(p -> properties.putIfAbsent(p.getKey(), p.getValue()));
        JsonNode additional = schema.get("additionalProperties");
        for (JsonNode part : schema.path("allOf")) {
            JsonNode fromPart = collect(part, properties);
            if (additional == null) {
                additional = fromPart;
            }
        }
        return additional;
    }

    private void checkString(String where, JsonNode schema, JsonNode value) {
        if (!value.isTextual()) {
            problems.add(where + ": expected string, was " + value.getNodeType());
            return;
        }
        JsonNode values = schema.get("enum");
        if (values != null) {
            boolean declared = false;
            for (JsonNode allowed : values) {
                declared |= allowed.asText().equals(value.asText());
            }
            if (!declared) {
                problems.add(where + ": '" + value.asText() + "' is not one of " + values);
            }
        }
        if ("date-time".equals(schema.path("format").asText())) {
            try {
                OffsetDateTime.parse(value.asText());
            } catch (DateTimeParseException e) {
                problems.add(where + ": '" + value.asText() + "' is not an ISO-8601 date-time");
            }
        }
    }

    /** The spec leaves out "type" on enums (strings) and on object schemas (properties, allOf, or free-form). */
    private static String typeOf(JsonNode schema) {
        if (schema.has("type")) {
            return schema.get("type").asText();
        }
        return schema.has("enum") ? "string" : "object";
    }
}
