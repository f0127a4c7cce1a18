package io.adoec2.aws;

import io.adoec2.testing.LocalAws;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.aws.call.AwsJsonCall;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.LifecycleHook;
import io.adoec2.lifecycle.PendingHook;
import io.adoec2.lifecycle.RegistrationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DynamoDbRegistrationStoreTest {

    private static final Instant CREATED = Instant.parse("2026-11-25T10:15:30.123456789Z");

    private static AwsJsonCall dynamoDb;
    private static String table;
    private static DynamoDbRegistrationStore store;

    @BeforeAll
    static void createTable() {
        dynamoDb = LocalAws.clients().dynamoDb();
        table = LocalAws.unique("registrations");
        DynamoDbRegistrationStore.createTable(dynamoDb, table);
        store = new DynamoDbRegistrationStore(dynamoDb, table);
    }

    @Test
    void createsARecordOnlyOnce() {
        InstanceRecord launching = launching(LocalAws.unique("i"));

        assertThat(store.create(launching)).isTrue();
        assertThat(store.create(withVersion(launching, 0, RegistrationStatus.REGISTERED))).isFalse();

        assertThat(store.find(launching.instanceId())).contains(launching);
    }

    @Test
    void updatesOnlyOverTheVersionItRead() {
        InstanceRecord launching = launching(LocalAws.unique("i"));
        store.create(launching);
        InstanceRecord registered = withVersion(launching, 1, RegistrationStatus.REGISTERED);
        InstanceRecord staleDraining = withVersion(launching, 1, RegistrationStatus.DRAINING);

        assertThat(store.update(registered)).isTrue();
        assertThat(store.update(staleDraining)).as("second writer over version 0").isFalse();
        assertThat(store.update(withVersion(launching, 3, RegistrationStatus.DRAINING)))
                .as("writer that skipped a version").isFalse();

        assertThat(store.find(launching.instanceId())).contains(registered);
    }

    @Test
    void updateOfAMissingRecordIsRefused() {
        InstanceRecord ghost = withVersion(launching(LocalAws.unique("i")), 1, RegistrationStatus.REGISTERED);

        assertThat(store.update(ghost)).isFalse();
        assertThat(store.find(ghost.instanceId())).isEmpty();
    }

    @Test
    void roundTripsEveryField() {
        InstanceRecord full = new InstanceRecord(LocalAws.unique("i"), Optional.of("web-asg"),
                Optional.of("https://dev.azure.com/contoso"), Optional.of("6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c"),
                Optional.of("Fabrikam Fiber"), Optional.of(42), Optional.of("production"),
                List.of("web", "blue", "eu-west-1a"), Optional.of(1234), RegistrationStatus.DEREGISTERED,
                CREATED, CREATED.plusSeconds(90), Optional.of(Instant.parse("2026-12-25T10:15:30Z")), 0,
                Optional.of(new InstanceRecord.AgentRef(10, 1001)),
                Optional.of(new PendingHook(new LifecycleHook(LifecycleHook.Transition.TERMINATING, "web-asg",
                        "drain-agents", "bfd2b7e9-7c1b-4d5e-9a4e-2f0c43c5a8b1"), CREATED.plusSeconds(60),
                        CREATED.plusSeconds(80), 3)),
                Optional.of(CREATED.plusSeconds(61)),
                Optional.of(CREATED.plusSeconds(60)),
                List.of(new InstanceRecord.Transition(CREATED, RegistrationStatus.LAUNCHING, "launch recorded"),
                        new InstanceRecord.Transition(CREATED.plusSeconds(90), RegistrationStatus.DEREGISTERED,
                                "deregistered by hand (ops): disk full, replaced")));

        store.create(full);

        assertThat(store.find(full.instanceId())).contains(full);
    }

    @Test
    void roundTripsAbsentOptionalsAndNoTags() {
        InstanceRecord bare = launching(LocalAws.unique("i"));

        store.create(bare);

        assertThat(store.find(bare.instanceId())).contains(bare);
        assertThat(rawItem(bare.instanceId())).doesNotContainKeys(
                "asgName", "organizationUrl", "projectId", "projectName", "environmentId",
                "environmentName", "resourceId", DynamoDbRegistrationStore.TTL_ATTRIBUTE, "agentId", "hookToken",
                "drainStartedAt", "goneObservedAt");
    }

    @Test
    void storesTheExpiryAsEpochSecondsUnderTheTableTtlAttribute() {
        Instant expiry = Instant.parse("2026-12-25T10:15:30.999Z");
        InstanceRecord tombstone = new InstanceRecord(LocalAws.unique("i"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                RegistrationStatus.DEREGISTERED, CREATED, CREATED, Optional.of(expiry), 0, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of());

        store.create(tombstone);

        assertThat(rawItem(tombstone.instanceId()).get(DynamoDbRegistrationStore.TTL_ATTRIBUTE))
                .hasToString("{\"N\":\"" + expiry.getEpochSecond() + "\"}");
        JsonNode ttl = dynamoDb.call("DescribeTimeToLive", AwsJsonCall.request().put("TableName", table))
                .path("TimeToLiveDescription");
        assertThat(ttl.path("TimeToLiveStatus").asText()).isEqualTo("ENABLED");
        assertThat(ttl.path("AttributeName").asText()).isEqualTo(DynamoDbRegistrationStore.TTL_ATTRIBUTE);
    }

    @Test
    void scansEveryRecordAcrossPages() {
        String scanned = LocalAws.unique("scanned");
        DynamoDbRegistrationStore.createTable(dynamoDb, scanned);
        DynamoDbRegistrationStore paged = new DynamoDbRegistrationStore(dynamoDb, scanned, Optional.of(2));
        List<InstanceRecord> written = List.of(launching("i-1"), launching("i-2"), launching("i-3"),
                withVersion(launching("i-4"), 0, RegistrationStatus.DEREGISTERED), launching("i-5"));
        written.forEach(paged::create);

        assertThat(paged.all()).containsExactlyInAnyOrderElementsOf(written);
        assertThat(new DynamoDbRegistrationStore(dynamoDb, LocalAws.unique("empty"), Optional.empty()))
                .satisfies(empty -> assertThatThrownBy(empty::all).hasMessageContaining("Scan"));
    }

    @Test
    void theManagedRecordsAreThoseThatPlaceAnInstanceNotTheTombstonesWithoutOne() {
        String scanned = LocalAws.unique("managed");
        DynamoDbRegistrationStore.createTable(dynamoDb, scanned);
        DynamoDbRegistrationStore paged = new DynamoDbRegistrationStore(dynamoDb, scanned, Optional.of(2));
        List<InstanceRecord> placed = List.of(placed("i-1"), placed("i-2"),
                withVersion(placed("i-3"), 0, RegistrationStatus.DEREGISTERED));
        placed.forEach(paged::create);
        List<InstanceRecord> tombstones = List.of(
                InstanceRecord.tombstone("i-4", Optional.empty(), CREATED, Duration.ofDays(30)),
                InstanceRecord.tombstone("i-5", Optional.of("web-asg"), CREATED, Duration.ofDays(30)));
        tombstones.forEach(paged::create);

        assertThat(paged.managed()).containsExactlyInAnyOrderElementsOf(placed);
        assertThat(paged.all()).hasSize(placed.size() + tombstones.size());
    }

    @Test
    void aListElementThatIsNotAStringIsReported() {
        String instanceId = LocalAws.unique("i");
        putRaw(Map.of(
                "instanceId", AttributeValues.s(instanceId),
                "resourceTags", AttributeValues.l(List.of(AttributeValues.s("web"), AttributeValues.n(7))),
                "status", AttributeValues.s("LAUNCHING"),
                "createdAt", AttributeValues.s(CREATED.toString()),
                "updatedAt", AttributeValues.s(CREATED.toString()),
                "version", AttributeValues.n(0)));

        assertThatThrownBy(() -> store.find(instanceId))
                .hasMessageContaining(instanceId).hasMessageContaining("resourceTags")
                .hasMessageContaining("holds a N element");
    }

    @Test
    void findsNothingForAnUnknownInstance() {
        assertThat(store.find(LocalAws.unique("i"))).isEmpty();
    }

    @Test
    void anItemItDidNotWriteIsReportedWithTableInstanceAndAttribute() {
        String instanceId = LocalAws.unique("i");
        putRaw(Map.of(
                "instanceId", AttributeValues.s(instanceId),
                "status", AttributeValues.s("SLEEPING"),
                "createdAt", AttributeValues.s(CREATED.toString()),
                "updatedAt", AttributeValues.s(CREATED.toString()),
                "version", AttributeValues.n(0)));

        assertThatThrownBy(() -> store.find(instanceId))
                .hasMessageContaining(table).hasMessageContaining(instanceId)
                .hasMessageContaining("status").hasMessageContaining("SLEEPING");
    }

    @Test
    void aFailingTableIsReportedWithTableAndInstance() {
        String missingTable = LocalAws.unique("no-such-table");
        DynamoDbRegistrationStore nowhere = new DynamoDbRegistrationStore(dynamoDb, missingTable);
        String instanceId = LocalAws.unique("i");

        assertThatThrownBy(() -> nowhere.create(launching(instanceId)))
                .hasMessageContaining(missingTable).hasMessageContaining(instanceId);
    }

    private static InstanceRecord launching(String instanceId) {
        return new InstanceRecord(instanceId, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                RegistrationStatus.LAUNCHING, CREATED, CREATED, Optional.empty(), 0, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of());
    }

    /** A record that places its instance in an environment. */
    private static InstanceRecord placed(String instanceId) {
        return new InstanceRecord(instanceId, Optional.of("web-asg"), Optional.of("https://dev.azure.com/contoso"),
                Optional.of("project-id"), Optional.of("Platform"), Optional.of(7), Optional.of("production"),
                List.of(), Optional.empty(), RegistrationStatus.LAUNCHING, CREATED, CREATED, Optional.empty(), 0,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    private static InstanceRecord withVersion(InstanceRecord r, long version, RegistrationStatus status) {
        return new InstanceRecord(r.instanceId(), r.asgName(), r.organizationUrl(), r.projectId(),
                r.projectName(), r.environmentId(), r.environmentName(), r.resourceTags(), r.resourceId(),
                status, r.createdAt(), CREATED.plusSeconds(version), r.expiresAt(), version, r.agent(), r.hook(),
                r.drainStartedAt(), r.goneObservedAt(), r.history());
    }

    private static Map<String, JsonNode> rawItem(String instanceId) {
        JsonNode item = dynamoDb.call("GetItem", AwsJsonCall.request().put("TableName", table)
                .set("Key", AttributeValues.item(Map.of("instanceId", AttributeValues.s(instanceId))))).path("Item");
        Map<String, JsonNode> attributes = new HashMap<>();
        item.properties().forEach(field -> attributes.put(field.getKey(), field.getValue()));
        return attributes;
    }

    private static void putRaw(Map<String, JsonNode> item) {
        dynamoDb.call("PutItem", AwsJsonCall.request().put("TableName", table).set("Item", AttributeValues.item(item)));
    }
}
