package io.adoec2.aws;

import io.adoec2.aws.call.AwsOperation;
import static io.adoec2.aws.AttributeValues.l;
import static io.adoec2.aws.AttributeValues.n;
import static io.adoec2.aws.AttributeValues.s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adoec2.aws.call.AwsCallException;
import io.adoec2.aws.call.AwsJsonCall;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.LifecycleHook;
import io.adoec2.lifecycle.PendingHook;
import io.adoec2.lifecycle.RegistrationStatus;
import io.adoec2.lifecycle.RegistrationStore;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Registration records in a DynamoDB table, one item per instance keyed by {@value #KEY}, spoken
 * to through DynamoDB's JSON 1.0 protocol. Every write is a conditional PutItem: create only where
 * no item exists, update only over the version it read. Times are ISO-8601 strings (readable in
 * the console) except {@value #TTL_ATTRIBUTE}, which DynamoDB's TTL needs as epoch seconds.
 */
public final class DynamoDbRegistrationStore implements RegistrationStore {

    /** The table's partition key (type S). The Terraform table definition uses the same names. */
    public static final String KEY = "instanceId";
    /** The attribute DynamoDB's TTL is enabled on (type N, epoch seconds). */
    public static final String TTL_ATTRIBUTE = "expiresAt";
    /**
     * A sparse global secondary index of the records that place their instance in an environment
     * (hash key {@value #MANAGED_INDEX_KEY}, which only they carry): the reconciler scans it, never
     * the tombstones of instances whose launch was never seen. Terraform defines the same index.
     */
    public static final String MANAGED_INDEX = "managed";
    public static final String MANAGED_INDEX_KEY = "organizationUrl";

    private static final String ASG_NAME = "asgName";
    private static final String ORGANIZATION_URL = MANAGED_INDEX_KEY;
    private static final String PROJECT_ID = "projectId";
    private static final String PROJECT_NAME = "projectName";
    private static final String ENVIRONMENT_ID = "environmentId";
    private static final String ENVIRONMENT_NAME = "environmentName";
    private static final String RESOURCE_TAGS = "resourceTags";
    private static final String RESOURCE_ID = "resourceId";
    private static final String STATUS = "status";
    private static final String CREATED_AT = "createdAt";
    private static final String UPDATED_AT = "updatedAt";
    private static final String VERSION = "version";
    private static final String AGENT_POOL_ID = "agentPoolId";
    private static final String AGENT_ID = "agentId";
    private static final String HOOK_TRANSITION = "hookTransition";
    private static final String HOOK_GROUP = "hookGroup";
    private static final String HOOK_NAME = "hookName";
    private static final String HOOK_TOKEN = "hookToken";
    private static final String HOOK_STARTED_AT = "hookStartedAt";
    private static final String HOOK_HEARTBEAT_AT = "hookHeartbeatAt";
    private static final String HOOK_NEXT_CHECK = "hookNextCheck";
    private static final String DRAIN_STARTED_AT = "drainStartedAt";
    private static final String GONE_OBSERVED_AT = "goneObservedAt";
    private static final String HISTORY = "history";

    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailedException";
    private static final Duration TABLE_ACTIVE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration TABLE_POLL_INTERVAL = Duration.ofMillis(200);

    private final AwsJsonCall dynamoDb;
    private final String tableName;
    private final Optional<Integer> scanPageLimit;

    public DynamoDbRegistrationStore(AwsJsonCall dynamoDb, String tableName) {
        this(dynamoDb, tableName, Optional.empty());
    }

    /** A scan page limit lets tests reach paging with a few items; DynamoDB itself pages at 1 MB. */
    DynamoDbRegistrationStore(AwsJsonCall dynamoDb, String tableName, Optional<Integer> scanPageLimit) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.scanPageLimit = scanPageLimit;
    }

    /**
     * Creates the table as production has it (on demand, TTL on {@value #TTL_ATTRIBUTE}) and waits
     * until it is active. For tests and {@code simulate}; production's table comes from Terraform.
     */
    public static void createTable(AwsJsonCall dynamoDb, String tableName) {
        ObjectNode create = AwsJsonCall.request().put("TableName", tableName).put("BillingMode", "PAY_PER_REQUEST");
        ArrayNode attributes = create.putArray("AttributeDefinitions");
        attributes.addObject().put("AttributeName", KEY).put("AttributeType", "S");
        attributes.addObject().put("AttributeName", MANAGED_INDEX_KEY).put("AttributeType", "S");
        create.putArray("KeySchema").addObject().put("AttributeName", KEY).put("KeyType", "HASH");
        ObjectNode index = create.putArray("GlobalSecondaryIndexes").addObject().put("IndexName", MANAGED_INDEX);
        ArrayNode indexKeys = index.putArray("KeySchema");
        indexKeys.addObject().put("AttributeName", MANAGED_INDEX_KEY).put("KeyType", "HASH");
        indexKeys.addObject().put("AttributeName", KEY).put("KeyType", "RANGE");
        index.putObject("Projection").put("ProjectionType", "ALL");
        dynamoDb.call(AwsOperation.DYNAMODB_CREATE_TABLE, create);
        awaitActive(dynamoDb, tableName);
        ObjectNode ttl = AwsJsonCall.request().put("TableName", tableName);
        ttl.putObject("TimeToLiveSpecification").put("Enabled", true).put("AttributeName", TTL_ATTRIBUTE);
        dynamoDb.call(AwsOperation.DYNAMODB_UPDATE_TIME_TO_LIVE, ttl);
    }

    private static void awaitActive(AwsJsonCall dynamoDb, String tableName) {
        Instant deadline = Instant.now().plus(TABLE_ACTIVE_TIMEOUT);
        while (true) {
            String status = dynamoDb.call(AwsOperation.DYNAMODB_DESCRIBE_TABLE, AwsJsonCall.request().put("TableName", tableName))
                    .path("Table").path("TableStatus").asText("");
            if (status.equals("ACTIVE")) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("table " + tableName + " is still " + status + " after "
                        + TABLE_ACTIVE_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(TABLE_POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + tableName, e);
            }
        }
    }

    @Override
    public Optional<InstanceRecord> find(String instanceId) {
        JsonNode answer;
        try {
            // Strongly consistent: callers re-read after losing a conditional write and must see the winner.
            answer = dynamoDb.call(AwsOperation.DYNAMODB_GET_ITEM, AwsJsonCall.request()
                    .put("TableName", tableName)
                    .put("ConsistentRead", true)
                    .set("Key", AttributeValues.item(Map.of(KEY, s(instanceId)))));
        } catch (AwsCallException e) {
            throw failure("GetItem", "instance " + instanceId, e);
        }
        JsonNode item = answer.path("Item");
        return item.isObject() && !item.isEmpty() ? Optional.of(fromItem(instanceId, item)) : Optional.empty();
    }

    @Override
    public List<InstanceRecord> all() {
        return scan(AwsJsonCall.request().put("TableName", tableName).put("ConsistentRead", true), "all records");
    }

    /** Eventually consistent, as every index read is: the reconciler's writes are conditional on what it read. */
    @Override
    public List<InstanceRecord> managed() {
        return scan(AwsJsonCall.request().put("TableName", tableName).put("IndexName", MANAGED_INDEX),
                "managed records");
    }

    private List<InstanceRecord> scan(ObjectNode request, String what) {
        List<InstanceRecord> records = new ArrayList<>();
        JsonNode startKey = null;
        do {
            ObjectNode scan = request.deepCopy();
            scanPageLimit.ifPresent(limit -> scan.put("Limit", limit));
            if (startKey != null) {
                scan.set("ExclusiveStartKey", startKey);
            }
            JsonNode page;
            try {
                page = dynamoDb.call(AwsOperation.DYNAMODB_SCAN, scan);
            } catch (AwsCallException e) {
                throw failure("Scan", what, e);
            }
            for (JsonNode item : page.path("Items")) {
                JsonNode key = item.path(KEY);
                if (!AttributeValues.typeOf(key).filter(AttributeValues.STRING::equals).isPresent()) {
                    throw new IllegalStateException("registration table " + tableName
                            + " holds an item without a string " + KEY);
                }
                records.add(fromItem(key.path(AttributeValues.STRING).asText(), item));
            }
            JsonNode last = page.path("LastEvaluatedKey");
            startKey = last.isObject() && !last.isEmpty() ? last : null;
        } while (startKey != null);
        return records;
    }

    @Override
    public boolean create(InstanceRecord record) {
        if (record.version() != 0) {
            throw new IllegalArgumentException("a new record of instance " + record.instanceId()
                    + " must have version 0, not " + record.version());
        }
        return put(record, "attribute_not_exists(#key)", Map.of("#key", KEY), Map.of());
    }

    @Override
    public boolean update(InstanceRecord record) {
        return put(record, "#version = :expected", Map.of("#version", VERSION),
                Map.of(":expected", n(record.version() - 1)));
    }

    private boolean put(InstanceRecord record, String condition, Map<String, String> names,
                        Map<String, ObjectNode> values) {
        ObjectNode put = AwsJsonCall.request()
                .put("TableName", tableName)
                .put("ConditionExpression", condition);
        put.set("Item", AttributeValues.item(toItem(record)));
        ObjectNode attributeNames = put.putObject("ExpressionAttributeNames");
        names.forEach(attributeNames::put);
        if (!values.isEmpty()) {
            put.set("ExpressionAttributeValues", AttributeValues.item(values));
        }
        try {
            dynamoDb.call(AwsOperation.DYNAMODB_PUT_ITEM, put);
            return true;
        } catch (AwsCallException e) {
            if (e.errorCode().filter(CONDITIONAL_CHECK_FAILED::equals).isPresent()) {
                return false;
            }
            throw failure("PutItem", "instance " + record.instanceId(), e);
        }
    }

    private RuntimeException failure(String operation, String what, AwsCallException e) {
        return new IllegalStateException("DynamoDB " + operation + " on table " + tableName
                + " for " + what + " failed: " + e.getMessage(), e);
    }

    private static Map<String, ObjectNode> toItem(InstanceRecord record) {
        Map<String, ObjectNode> item = new LinkedHashMap<>();
        item.put(KEY, s(record.instanceId()));
        record.asgName().ifPresent(v -> item.put(ASG_NAME, s(v)));
        record.organizationUrl().ifPresent(v -> item.put(ORGANIZATION_URL, s(v)));
        record.projectId().ifPresent(v -> item.put(PROJECT_ID, s(v)));
        record.projectName().ifPresent(v -> item.put(PROJECT_NAME, s(v)));
        record.environmentId().ifPresent(v -> item.put(ENVIRONMENT_ID, n(v)));
        record.environmentName().ifPresent(v -> item.put(ENVIRONMENT_NAME, s(v)));
        item.put(RESOURCE_TAGS, l(record.resourceTags().stream().map(AttributeValues::s).toList()));
        record.resourceId().ifPresent(v -> item.put(RESOURCE_ID, n(v)));
        item.put(STATUS, s(record.status().name()));
        item.put(CREATED_AT, s(record.createdAt().toString()));
        item.put(UPDATED_AT, s(record.updatedAt().toString()));
        record.expiresAt().ifPresent(v -> item.put(TTL_ATTRIBUTE, n(v.getEpochSecond())));
        item.put(VERSION, n(record.version()));
        record.agent().ifPresent(agent -> {
            item.put(AGENT_POOL_ID, n(agent.poolId()));
            item.put(AGENT_ID, n(agent.agentId()));
        });
        record.hook().ifPresent(pending -> {
            item.put(HOOK_TRANSITION, s(pending.hook().transition().name()));
            item.put(HOOK_GROUP, s(pending.hook().autoScalingGroup()));
            item.put(HOOK_NAME, s(pending.hook().hookName()));
            item.put(HOOK_TOKEN, s(pending.hook().token()));
            item.put(HOOK_STARTED_AT, s(pending.startedAt().toString()));
            item.put(HOOK_HEARTBEAT_AT, s(pending.lastHeartbeatAt().toString()));
            item.put(HOOK_NEXT_CHECK, n(pending.nextCheck()));
        });
        record.drainStartedAt().ifPresent(v -> item.put(DRAIN_STARTED_AT, s(v.toString())));
        record.goneObservedAt().ifPresent(v -> item.put(GONE_OBSERVED_AT, s(v.toString())));
        item.put(HISTORY, l(record.history().stream().map(t -> s(t.stored())).toList()));
        return item;
    }

    private InstanceRecord fromItem(String instanceId, JsonNode item) {
        ItemReader read = new ItemReader(instanceId, item);
        return new InstanceRecord(
                instanceId,
                read.text(ASG_NAME),
                read.text(ORGANIZATION_URL),
                read.text(PROJECT_ID),
                read.text(PROJECT_NAME),
                read.number(ENVIRONMENT_ID).map(read.toInt(ENVIRONMENT_ID)),
                read.text(ENVIRONMENT_NAME),
                read.texts(RESOURCE_TAGS),
                read.number(RESOURCE_ID).map(read.toInt(RESOURCE_ID)),
                read.required(STATUS, read.text(STATUS).map(read.parse(STATUS, RegistrationStatus::valueOf))),
                read.required(CREATED_AT, read.text(CREATED_AT).map(read.parse(CREATED_AT, Instant::parse))),
                read.required(UPDATED_AT, read.text(UPDATED_AT).map(read.parse(UPDATED_AT, Instant::parse))),
                read.number(TTL_ATTRIBUTE).map(Instant::ofEpochSecond),
                read.required(VERSION, read.number(VERSION)),
                read.number(AGENT_ID).map(agentId -> new InstanceRecord.AgentRef(
                        read.toInt(AGENT_POOL_ID).apply(read.required(AGENT_POOL_ID, read.number(AGENT_POOL_ID))),
                        read.toInt(AGENT_ID).apply(agentId))),
                read.text(HOOK_TOKEN).map(token -> new PendingHook(new LifecycleHook(
                        read.required(HOOK_TRANSITION, read.text(HOOK_TRANSITION)
                                .map(read.parse(HOOK_TRANSITION, LifecycleHook.Transition::valueOf))),
                        read.required(HOOK_GROUP, read.text(HOOK_GROUP)),
                        read.required(HOOK_NAME, read.text(HOOK_NAME)), token),
                        read.required(HOOK_STARTED_AT, read.text(HOOK_STARTED_AT)
                                .map(read.parse(HOOK_STARTED_AT, Instant::parse))),
                        read.required(HOOK_HEARTBEAT_AT, read.text(HOOK_HEARTBEAT_AT)
                                .map(read.parse(HOOK_HEARTBEAT_AT, Instant::parse))),
                        read.toInt(HOOK_NEXT_CHECK).apply(read.required(HOOK_NEXT_CHECK, read.number(HOOK_NEXT_CHECK))))),
                read.text(DRAIN_STARTED_AT).map(read.parse(DRAIN_STARTED_AT, Instant::parse)),
                read.text(GONE_OBSERVED_AT).map(read.parse(GONE_OBSERVED_AT, Instant::parse)),
                read.texts(HISTORY).stream().map(read.parse(HISTORY, InstanceRecord.Transition::parse)).toList());
    }

    /** Reads one stored item, naming table, instance and attribute when it is not what we write. */
    private final class ItemReader {
        private final String instanceId;
        private final JsonNode item;

        ItemReader(String instanceId, JsonNode item) {
            this.instanceId = instanceId;
            this.item = item;
        }

        Optional<String> text(String attribute) {
            return value(attribute, AttributeValues.STRING).map(JsonNode::asText);
        }

        Optional<Long> number(String attribute) {
            return value(attribute, AttributeValues.NUMBER).map(v -> parse(attribute, Long::valueOf).apply(v.asText()));
        }

        /** A list of strings; an item written without the attribute has none. */
        List<String> texts(String attribute) {
            List<String> texts = new ArrayList<>();
            value(attribute, AttributeValues.LIST).ifPresent(list -> list.forEach(v -> {
                String type = AttributeValues.typeOf(v).orElse("unreadable");
                if (!type.equals(AttributeValues.STRING) || !v.path(type).isTextual()) {
                    throw unreadable(attribute, "holds a " + type + " element in its list of strings");
                }
                texts.add(v.path(type).asText());
            }));
            return texts;
        }

        Function<Long, Integer> toInt(String attribute) {
            return number -> {
                if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
                    throw unreadable(attribute, "holds " + number + ", beyond the range of an int");
                }
                return number.intValue();
            };
        }

        <T> Function<String, T> parse(String attribute, Function<String, T> parser) {
            return text -> {
                try {
                    return parser.apply(text);
                } catch (IllegalArgumentException | DateTimeException e) {
                    throw unreadable(attribute, "holds an unreadable value '" + text + "'");
                }
            };
        }

        <T> T required(String attribute, Optional<T> value) {
            return value.orElseThrow(() -> unreadable(attribute, "is missing"));
        }

        /** The content of the attribute's value ({@code "42"} of {@code {"N":"42"}}), checked to be of the type. */
        private Optional<JsonNode> value(String attribute, String type) {
            JsonNode value = item.get(attribute);
            if (value == null) {
                return Optional.empty();
            }
            String actual = AttributeValues.typeOf(value).orElse("unreadable");
            if (!actual.equals(type)) {
                throw unreadable(attribute, "is of type " + actual + ", not " + type);
            }
            JsonNode content = value.get(type);
            boolean wellFormed = type.equals(AttributeValues.LIST) ? content.isArray() : content.isTextual();
            if (!wellFormed) {
                throw unreadable(attribute, "holds a malformed " + type + " value");
            }
            return Optional.of(content);
        }

        private IllegalStateException unreadable(String attribute, String problem) {
            return new IllegalStateException("registration table " + tableName + ", instance " + instanceId
                    + ": attribute " + attribute + " " + problem);
        }
    }
}
