package io.adoec2.cli.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adoec2.aws.DynamoDbRegistrationStore;
import io.adoec2.aws.call.AwsCallException;
import io.adoec2.aws.call.AwsJsonCall;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Another writer of the registration table, slipping in between a handler's read and its
 * conditional PutItem: a second delivery of the same event creating the same record first, or
 * another handler rewriting it (the same content, one version on). The handler's write then
 * fails its condition, as it would in the race, and it must read again and decide again.
 */
final class CompetingWriter {
    /** The two conditions the store writes under: create-only, and version-checked. */
    private static final Pattern NOT_EXISTS = Pattern.compile("attribute_not_exists\\((#\\w+)\\)");
    private static final Pattern EQUALS = Pattern.compile("(#\\w+) = (:\\w+)");

    private final AwsJsonCall dynamoDb;

    /** @param dynamoDb a client that no fault reaches */
    CompetingWriter(AwsJsonCall dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /** Writes first what makes {@code putItem} fail its condition. @return whether it did */
    boolean writeBefore(JsonNode putItem) {
        String condition = putItem.path("ConditionExpression").asText("");
        Matcher notExists = NOT_EXISTS.matcher(condition);
        if (notExists.matches()) {
            return put(putItem.path("TableName").asText(), putItem.path("Item"), condition,
                    putItem.path("ExpressionAttributeNames"), null);
        }
        Matcher equals = EQUALS.matcher(condition);
        if (!equals.matches()) {
            return false;
        }
        String table = putItem.path("TableName").asText();
        String versionAttribute = putItem.path("ExpressionAttributeNames").path(equals.group(1)).asText();
        JsonNode expected = putItem.path("ExpressionAttributeValues").path(equals.group(2));
        JsonNode stored = storedVersionOf(table, putItem.path("Item"));
        if (stored == null || !stored.path(versionAttribute).equals(expected)) {
            return false;
        }
        ObjectNode rewritten = stored.deepCopy();
        rewritten.putObject(versionAttribute).put("N", Long.toString(expected.path("N").asLong() + 1));
        return put(table, rewritten, condition, putItem.path("ExpressionAttributeNames"),
                putItem.path("ExpressionAttributeValues"));
    }

    /** The stored item with the same key, or null. */
    private JsonNode storedVersionOf(String table, JsonNode item) {
        ObjectNode get = AwsJsonCall.request().put("TableName", table).put("ConsistentRead", true);
        get.putObject("Key").set(DynamoDbRegistrationStore.KEY, item.get(DynamoDbRegistrationStore.KEY));
        JsonNode found = dynamoDb.call("GetItem", get).path("Item");
        return found.isObject() && !found.isEmpty() ? found : null;
    }

    private boolean put(String table, JsonNode item, String condition, JsonNode names, JsonNode values) {
        ObjectNode put = AwsJsonCall.request().put("TableName", table).put("ConditionExpression", condition);
        put.set("Item", item);
        put.set("ExpressionAttributeNames", names);
        if (values != null) {
            put.set("ExpressionAttributeValues", values);
        }
        try {
            dynamoDb.call("PutItem", put);
            return true;
        } catch (AwsCallException conditionFailed) {
            return false;
        }
    }
}
