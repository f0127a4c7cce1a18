package io.adoec2.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adoec2.aws.call.AwsJsonCall;
import io.adoec2.aws.call.JdkAwsHttp;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.testing.AwsCallLog;
import io.adoec2.testing.LocalAws;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a test (nothing here can fail on a slow machine): the reconcile pass's read
 * of the registration records, over a table holding 100,000 tombstones of instances that are not
 * ours (as the account-wide {@code terminated} rule used to leave them, for 30 days) beside 20
 * managed records. Before: the scan of the whole table ({@code all()}, what the pass read); after:
 * the scan of the sparse index of managed records ({@code managed()}). Prints Scan calls, wall time,
 * bytes allocated and records read for each. Pages of 5,000 items stand in for DynamoDB's 1 MB
 * pages (a tombstone is about 170 bytes), which moto's server does not cut. Run it with
 * {@code -Dmeasure.foreignTombstones=true -Dtest=ForeignTombstonesMeasurement}.
 */
@EnabledIfSystemProperty(named = "measure.foreignTombstones", matches = "true")
class ForeignTombstonesMeasurement {
    private static final int FOREIGN = Integer.getInteger("measure.foreignTombstones.count", 100_000);
    private static final int MANAGED = 20;
    private static final int PAGE = 5_000;
    private static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

    @Test
    void aPassOverForeignTombstones() {
        AwsCallLog calls = new AwsCallLog(JdkAwsHttp.create());
        AwsJsonCall dynamoDb = LocalAws.recordingClients(calls).dynamoDb();
        String table = LocalAws.unique("tombstones");
        DynamoDbRegistrationStore.createTable(dynamoDb, table);
        DynamoDbRegistrationStore store = new DynamoDbRegistrationStore(dynamoDb, table, Optional.of(PAGE));
        long writing = System.nanoTime();
        writeForeignTombstones(dynamoDb, table, FOREIGN);
        System.out.printf("wrote %d foreign tombstones in %d s%n", FOREIGN,
                Duration.ofNanos(System.nanoTime() - writing).toSeconds());
        for (int i = 0; i < MANAGED; i++) {
            store.create(new InstanceRecord(String.format("i-m%016x", i), Optional.of("fleet-asg"),
                    Optional.of("https://dev.azure.com/contoso"), Optional.of("project-id"), Optional.of("Platform"),
                    Optional.of(7), Optional.of("production"), List.of(), Optional.empty(),
                    io.adoec2.lifecycle.RegistrationStatus.LAUNCHING, START, START, Optional.empty(), 0,
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of()));
        }
        measure("before: the whole table (all())", calls, store::all);
        measure("after: the index of managed records (managed())", calls, store::managed);
    }

    private static void measure(String what, AwsCallLog calls, Supplier<List<InstanceRecord>> read) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long scansBefore = calls.count("dynamodb:Scan");
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long started = System.nanoTime();
        List<InstanceRecord> records = read.get();
        long wallMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        System.out.printf("%s with %d foreign tombstones and %d managed records: %d Scan calls, %d ms, %.1f MB "
                        + "allocated, %d records read%n", what, FOREIGN, MANAGED,
                calls.count("dynamodb:Scan") - scansBefore, wallMs, allocated / 1e6, records.size());
    }

    /** The items the old code wrote for another team's terminated instance: a tombstone with no environment. */
    private static void writeForeignTombstones(AwsJsonCall dynamoDb, String table, int count) {
        long expiresAt = START.plus(Duration.ofDays(30)).getEpochSecond();
        for (int from = 0; from < count; from += 25) {
            ObjectNode request = AwsJsonCall.request();
            ArrayNode puts = request.putObject("RequestItems").putArray(table);
            for (int i = from; i < Math.min(count, from + 25); i++) {
                ObjectNode item = puts.addObject().putObject("PutRequest").putObject("Item");
                item.putObject("instanceId").put("S", String.format("i-f%016x", i));
                item.putObject("resourceTags").putArray("L");
                item.putObject("status").put("S", "DEREGISTERED");
                item.putObject("createdAt").put("S", START.toString());
                item.putObject("updatedAt").put("S", START.toString());
                item.putObject("expiresAt").put("N", Long.toString(expiresAt));
                item.putObject("version").put("N", "0");
            }
            if (dynamoDb.call("BatchWriteItem", request).path("UnprocessedItems").path(table).size() > 0) {
                throw new IllegalStateException("moto left items unprocessed");
            }
        }
    }
}
