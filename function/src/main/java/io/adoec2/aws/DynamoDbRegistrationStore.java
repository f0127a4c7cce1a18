package io.adoec2.aws;

import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.LifecycleHook;
import io.adoec2.lifecycle.PendingHook;
import io.adoec2.lifecycle.RegistrationStatus;
import io.adoec2.lifecycle.RegistrationStore;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Registration records in a DynamoDB table, one item per instance keyed by {@value #KEY}.
 * Every write is a conditional PutItem: create only where no item exists, update only over the
 * version it read. Times are ISO-8601 strings (readable in the console) except
 * {@value #TTL_ATTRIBUTE}, which DynamoDB's TTL needs as epoch seconds.
 */
public final class DynamoDbRegistrationStore implements RegistrationStore {

    /** The table's partition key (type S). The Terraform table definition uses the same names. */
    public static final String KEY = "instanceId";
    /** The attribute DynamoDB's TTL is enabled on (type N, epoch seconds). */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private static final String ASG_NAME = "asgName";
    private static final String ORGANIZATION_URL = "organizationUrl";
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
    private static final String DRAIN_STARTED_AT = "drainStartedAt";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbRegistrationStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /**
     * Creates the table as production has it (on demand, TTL on {@value #TTL_ATTRIBUTE}) and waits
     * until it is active. For tests and {@code simulate}; production's table comes from Terraform.
     */
    public static void createTable(DynamoDbClient dynamoDb, String tableName) {
        dynamoDb.createTable(r -> r.tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName(KEY).attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(KEY).keyType(KeyType.HASH).build()));
        dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(tableName));
        dynamoDb.updateTimeToLive(r -> r.tableName(tableName)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName(TTL_ATTRIBUTE)));
    }

    @Override
    public Optional<InstanceRecord> find(String instanceId) {
        Map<String, AttributeValue> item;
        try {
            // Strongly consistent: callers re-read after losing a conditional write and must see the winner.
            item = dynamoDb.getItem(r -> r.tableName(tableName)
                    .key(Map.of(KEY, s(instanceId)))
                    .consistentRead(true)).item();
        } catch (SdkException e) {
            throw failure("GetItem", instanceId, e);
        }
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(instanceId, item));
    }

    @Override
    public boolean create(InstanceRecord record) {
        if (record.version() != 0) {
            throw new IllegalArgumentException("a new record of instance " + record.instanceId()
                    + " must have version 0, not " + record.version());
        }
        return put(record, PutItemRequest.builder()
                .conditionExpression("attribute_not_exists(#key)")
                .expressionAttributeNames(Map.of("#key", KEY)));
    }

    @Override
    public boolean update(InstanceRecord record) {
        return put(record, PutItemRequest.builder()
                .conditionExpression("#version = :expected")
                .expressionAttributeNames(Map.of("#version", VERSION))
                .expressionAttributeValues(Map.of(":expected", n(record.version() - 1))));
    }

    private boolean put(InstanceRecord record, PutItemRequest.Builder conditional) {
        try {
            dynamoDb.putItem(conditional.tableName(tableName).item(toItem(record)).build());
            return true;
        } catch (ConditionalCheckFailedException lostRace) {
            return false;
        } catch (SdkException e) {
            throw failure("PutItem", record.instanceId(), e);
        }
    }

    private RuntimeException failure(String operation, String instanceId, SdkException e) {
        return new IllegalStateException("DynamoDB " + operation + " on table " + tableName
                + " for instance " + instanceId + " failed: " + e.getMessage(), e);
    }

    private static Map<String, AttributeValue> toItem(InstanceRecord record) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, s(record.instanceId()));
        record.asgName().ifPresent(v -> item.put(ASG_NAME, s(v)));
        record.organizationUrl().ifPresent(v -> item.put(ORGANIZATION_URL, s(v)));
        record.projectId().ifPresent(v -> item.put(PROJECT_ID, s(v)));
        record.projectName().ifPresent(v -> item.put(PROJECT_NAME, s(v)));
        record.environmentId().ifPresent(v -> item.put(ENVIRONMENT_ID, n(v)));
        record.environmentName().ifPresent(v -> item.put(ENVIRONMENT_NAME, s(v)));
        item.put(RESOURCE_TAGS, AttributeValue.fromL(record.resourceTags().stream().map(DynamoDbRegistrationStore::s).toList()));
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
        });
        record.drainStartedAt().ifPresent(v -> item.put(DRAIN_STARTED_AT, s(v.toString())));
        return item;
    }

    private InstanceRecord fromItem(String instanceId, Map<String, AttributeValue> item) {
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
                                .map(read.parse(HOOK_HEARTBEAT_AT, Instant::parse))))),
                read.text(DRAIN_STARTED_AT).map(read.parse(DRAIN_STARTED_AT, Instant::parse)));
    }

    /** Reads one stored item, naming table, instance and attribute when it is not what we write. */
    private final class ItemReader {
        private final String instanceId;
        private final Map<String, AttributeValue> item;

        ItemReader(String instanceId, Map<String, AttributeValue> item) {
            this.instanceId = instanceId;
            this.item = item;
        }

        Optional<String> text(String attribute) {
            return value(attribute, AttributeValue.Type.S).map(AttributeValue::s);
        }

        Optional<Long> number(String attribute) {
            return value(attribute, AttributeValue.Type.N).map(v -> parse(attribute, Long::valueOf).apply(v.n()));
        }

        /** A list of strings; an item written without the attribute has none. */
        List<String> texts(String attribute) {
            List<AttributeValue> values = value(attribute, AttributeValue.Type.L).map(AttributeValue::l).orElse(List.of());
            for (AttributeValue v : values) {
                if (v.type() != AttributeValue.Type.S) {
                    throw unreadable(attribute, "holds a " + v.type() + " element in its list of strings");
                }
            }
            return values.stream().map(AttributeValue::s).toList();
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

        private Optional<AttributeValue> value(String attribute, AttributeValue.Type type) {
            AttributeValue value = item.get(attribute);
            if (value == null) {
                return Optional.empty();
            }
            if (value.type() != type) {
                throw unreadable(attribute, "is of type " + value.type() + ", not " + type);
            }
            return Optional.of(value);
        }

        private IllegalStateException unreadable(String attribute, String problem) {
            return new IllegalStateException("registration table " + tableName + ", instance " + instanceId
                    + ": attribute " + attribute + " " + problem);
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
