package io.adoec2.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.adoec2.azuredevops.simulator.Call;
import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.events.MalformedEventException;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.TagContract;
import io.adoec2.testing.Fixtures;
import io.adoec2.testing.Fixtures.SqsMessage;
import io.adoec2.testing.FunctionHarness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A corpus of bad and hostile input through the handlers: each gets a clear error naming the
 * problem and a metric, fails only its own message (so the SQS path sends it to the DLQ after the
 * queue's retries), never blocks the next one, and never makes Azure DevOps reach anything but
 * the resources of the configured organization.
 */
class HostileInputTest {
    private static final String GOOD_TOKEN = "0b0e2f6c-6f57-4c37-9f3f-6f1b8f0d7e11";

    private FunctionHarness harness;

    @BeforeEach
    void start() {
        harness = new FunctionHarness(Clock.fixed(Instant.parse("2026-11-25T09:12:43Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        for (Call call : harness.simulator.calls().all()) {
            assertThat(call.path()).as("every call stays inside the configured organization")
                    .startsWith("/" + FunctionHarness.ORGANIZATION + "/").doesNotContain("/../").doesNotContain("%2F");
        }
        harness.close();
    }

    private List<String> sqs(List<SqsMessage> messages) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LifecycleQueueHandler(harness.runtime).handleRequest(new ByteArrayInputStream(
                Fixtures.sqsBatch(messages).getBytes(StandardCharsets.UTF_8)), out, null);
        List<String> failed = new ArrayList<>();
        new ObjectMapper().readTree(out.toByteArray()).get("batchItemFailures")
                .forEach(f -> failed.add(f.get("itemIdentifier").asText()));
        return failed;
    }

    private void sns(String json) throws IOException {
        new AsgNotificationHandler(harness.runtime).handleRequest(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
    }

    private String launchEvent(String instanceId) {
        harness.autoScaling.holds(GOOD_TOKEN);
        return Fixtures.event("eventbridge/launch-action.json", Map.of("instanceId", instanceId, "token", GOOD_TOKEN,
                "group", "web-asg", "hook", "ado-agents", "time", "2026-11-25T09:12:43Z", "eventId", "e"));
    }

    private String snsLaunch(String instanceId) {
        return Fixtures.event("sns/launch.json", Map.of("instanceId", instanceId, "group", "web-asg",
                "messageId", UUID.randomUUID().toString()));
    }

    @Test
    void aBatchOfBadMessagesFailsOnlyThoseAndTheGoodOneIsHandled() throws IOException {
        String good = harness.launchInstance(FunctionHarness.groupTags(""));
        String huge = "{\"detail-type\":\"" + "x".repeat(256 * 1024) + "\",\"source\":\"aws.ec2\",\"time\":\"2026-11-25T09:12:43Z\",\"detail\":{}}";
        List<SqsMessage> batch = List.of(
                new SqsMessage("malformed-json", "{\"detail-type\": "),
                new SqsMessage("wrong-type", "{\"detail-type\":\"EC2 Instance State-change Notification\","
                        + "\"source\":\"aws.ec2\",\"time\":\"2026-11-25T09:12:43Z\",\"detail\":{\"instance-id\":[1],\"state\":\"terminated\"}}"),
                new SqsMessage("missing-field", "{\"detail-type\":\"EC2 Spot Instance Interruption Warning\","
                        + "\"source\":\"aws.ec2\",\"time\":\"2026-11-25T09:12:43Z\",\"detail\":{}}"),
                new SqsMessage("array-body", "[1,2,3]"),
                new SqsMessage("empty-body", ""),
                new SqsMessage("good", launchEvent(good)),
                new SqsMessage("non-asg-source", "{\"detail-type\":\"EC2 Instance-launch Lifecycle Action\","
                        + "\"source\":\"aws.s3\",\"time\":\"2026-11-25T09:12:43Z\",\"detail\":{}}"),
                new SqsMessage("path-in-instance-id", launchEvent("../../_apis/projects")),
                new SqsMessage("huge-unknown-type", huge));

        List<String> failed = sqs(batch);

        assertThat(failed).containsExactly("malformed-json", "wrong-type", "missing-field", "array-body",
                "empty-body", "non-asg-source", "path-in-instance-id");
        assertThat(harness.record(good)).isPresent();
        assertThat(harness.logLines).filteredOn(line -> line.contains("\"MalformedEvent\":1")).hasSize(7)
                .anySatisfy(line -> assertThat(line).contains("$.body.detail.instance-id", "must be a string"))
                .anySatisfy(line -> assertThat(line).contains("$.body.detail.instance-id: is missing"))
                .anySatisfy(line -> assertThat(line).contains("$.body.source", "aws.s3"))
                .anySatisfy(line -> assertThat(line).contains("is not an EC2 instance id"))
                .allSatisfy(line -> assertThat(line.length()).as("no flood of the log").isLessThan(2000));
    }

    @Test
    void aHugeSnsMessageIsHandledOrRefusedWithoutHarm() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        String padded = snsLaunch(instanceId).replace("Launching a new EC2 instance: ",
                "x".repeat(250 * 1024));
        sns(padded);
        assertThat(harness.record(instanceId)).isPresent();

        String notJson = snsLaunch(instanceId).replace("\"Message\": \"{", "\"Message\": \"" + "y".repeat(250 * 1024) + "{");
        assertThatThrownBy(() -> sns(notJson)).isInstanceOf(DeliveryFailedException.class);
        assertThat(harness.lastEvent()).contains("$.Message: is not JSON").hasSizeLessThan(2000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../_apis/projects", "prod%2F..%2Fother", "prod?name=other", "prod#frag", "",
            "   ", "prod\u202Eevil", "a/../../b"})
    void hostileEnvironmentTagsAreRejectedWithoutReachingAnotherResource(String environment) throws IOException {
        harness.environment.registerVm("i-0aaaaaaaaaaaaaaaa", List.of());
        String instanceId = harness.launchInstance(Map.of(TagContract.PROJECT, FunctionHarness.PROJECT,
                TagContract.ENVIRONMENT, environment));

        sns(snsLaunch(instanceId));

        assertThat(harness.record(instanceId)).isEmpty();
        assertThat(harness.lastEvent()).contains("\"Result\":\"REJECTED\"", "\"level\":\"WARN\"");
        assertThat(harness.environment.vm("i-0aaaaaaaaaaaaaaaa")).isPresent();
    }

    @Test
    void aKilobyteNameIsRejectedNamingTheTagAndItsLength() throws IOException {
        String instanceId = harness.launchInstance(Map.of(TagContract.PROJECT, "p".repeat(1024),
                TagContract.ENVIRONMENT, FunctionHarness.ENVIRONMENT));

        sns(snsLaunch(instanceId));

        assertThat(harness.lastEvent()).contains("AzDevOps-Project", "1024").hasSizeLessThan(2000);
        assertThat(harness.functionCalls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"source\": ", "[\"aws.events\"]", "null", "",
            "{\"source\":\"aws.ec2\",\"detail-type\":\"Scheduled Event\",\"id\":\"x\",\"time\":\"2026-11-25T09:12:43Z\"}",
            "{\"source\":\"aws.events\",\"detail-type\":\"EC2 Instance State-change Notification\",\"id\":\"x\","
                    + "\"time\":\"2026-11-25T09:12:43Z\"}",
            "{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\",\"id\":42,\"time\":\"2026-11-25T09:12:43Z\"}",
            "{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\",\"id\":\"x\",\"time\":1764061963}",
            "{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\",\"id\":\"x\",\"time\":\"2026-11-25T09:12:43Z\","
                    + "\"resources\":[{\"arn\":\"../../\"}]}"})
    void aBadScheduleEventIsRefusedNamingTheFieldBeforeTheReconcilerReadsAnything(String event) {
        ReconcileHandler handler = new ReconcileHandler(harness.runtime);

        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), null)).isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("$");
        assertThat(harness.lastEvent()).contains("\"MalformedEvent\":1", "\"Source\":\"schedule\"",
                "\"field\":\"$").hasSizeLessThan(2000);
        assertThat(harness.awsCalls.count("dynamodb:Scan")).as("no record read").isZero();
        assertThat(harness.functionCalls()).as("no Azure DevOps call").isEmpty();
    }

    @Test
    void aScheduleEventWithHugeAndHostileValuesRunsThePassWithoutFloodingOrForgingTheLog() throws IOException {
        String event = Fixtures.event("schedule/scheduled-event.json", Map.of("id", "x".repeat(256 * 1024),
                "time", "2026-11-25T09:12:43Z")).replace("rule/ado-ec2-lifecycle-reconcile",
                "rule/evil\\n{\\\"level\\\":\\\"INFO\\\"}" + "r".repeat(1024));

        new ReconcileHandler(harness.runtime).handleRequest(new ByteArrayInputStream(
                event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);

        assertThat(harness.lastEvent()).contains("\"ReconcilePass\":1", "\\u000a").hasSizeLessThan(2000);
    }

    @Test
    void hostileButLegalNamesReachExactlyTheirOwnEnvironment() throws IOException {
        String name = "prod ü 生产 #1 ?x=%2F..";
        SimEnvironment odd = harness.organization.project(FunctionHarness.PROJECT).environment(name);
        harness.organization.project(FunctionHarness.PROJECT).environment("prod ü 生产 #1");
        String instanceId = harness.launchInstance(Map.of(TagContract.PROJECT, FunctionHarness.PROJECT,
                TagContract.ENVIRONMENT, name, TagContract.RESOURCE_TAGS, "ünï, ../x, a%2Fb"));

        sns(snsLaunch(instanceId));

        InstanceRecord record = harness.record(instanceId).orElseThrow();
        assertThat(record.environmentId()).contains(odd.id());
        assertThat(record.resourceTags()).containsExactly("ünï", "../x", "a%2Fb");
    }
}
