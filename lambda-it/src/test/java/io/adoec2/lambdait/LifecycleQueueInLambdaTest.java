package io.adoec2.lambdait;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.azuredevops.simulator.SimVm;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.RegistrationStatus;
import io.adoec2.observe.InvocationMetrics;
import io.adoec2.testing.AutoScalingEndpoint;
import io.adoec2.testing.Fixtures;
import io.adoec2.testing.Fixtures.SqsMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle-queue function (functions.json: lifecycle-queue) as AWS runs it: the deployed
 * jar in the Runtime Interface Emulator, fed SQS batches of EventBridge lifecycle actions, with
 * lifecycle actions checked against the Auto Scaling API model.
 */
class LifecycleQueueInLambdaTest {
    private static final String FUNCTION = "lifecycle-queue";

    private final LocalPeers peers = LocalPeers.shared();
    private final LambdaEmulator lambda = EmulatedFunctions.running(FUNCTION);

    @AfterEach
    void noRequestBrokeTheAutoScalingModel() {
        assertThat(peers.autoScaling.violations()).as("requests that break the Auto Scaling API model").isEmpty();
    }

    /** An EventBridge lifecycle action for the instance that Auto Scaling now holds (terminating: leaving), as an SQS message. */
    private SqsMessage hookAction(String fixture, String instanceId, String token) {
        peers.autoScaling.holds(token);
        if (fixture.contains("terminate")) {
            peers.autoScaling.leaving(instanceId, "web-asg");
        }
        return new SqsMessage(UUID.randomUUID().toString(), Fixtures.event(fixture, Map.of("instanceId", instanceId,
                "token", token, "group", "web-asg", "hook", "ado-agents", "time", Instant.now().toString(),
                "eventId", UUID.randomUUID().toString())));
    }

    private List<String> completions(String token) {
        return peers.autoScaling.requestsFor(token).stream()
                .filter(request -> request.action().equals("CompleteLifecycleAction"))
                .map(AutoScalingEndpoint.Request::parameters)
                .map(parameters -> parameters.get("LifecycleActionResult"))
                .toList();
    }

    @Test
    void aMixedBatchIsHandledAndOnlyItsPoisonedMessagesAreReportedAsFailures() {
        String launching = peers.launchInstance();
        SimVm registered = peers.environment.registerVm(launching, List.of("web", "linux"));
        String terminating = peers.launchInstance();
        peers.environment.registerVm(terminating, List.of("web", "linux"));
        String launchToken = UUID.randomUUID().toString();
        String terminateToken = UUID.randomUUID().toString();

        SqsMessage launch = hookAction("eventbridge/launch-action.json", launching, launchToken);
        SqsMessage notJson = new SqsMessage(UUID.randomUUID().toString(), "{\"Records\": [ this is not JSON");
        SqsMessage terminate = hookAction("eventbridge/terminate-action.json", terminating, terminateToken);
        SqsMessage foreignSource = hookAction("eventbridge/launch-action-wrong-source.json", launching,
                UUID.randomUUID().toString());

        Invocation invocation = lambda.invoke(Fixtures.sqsBatch(List.of(launch, notJson, terminate, foreignSource)));

        assertThat(invocation.status()).isEqualTo(200);
        assertThat(invocation.errorType()).as(invocation.body()).isEmpty();
        List<String> failed = new ArrayList<>();
        invocation.json().path("batchItemFailures").forEach(item -> failed.add(item.path("itemIdentifier").asText()));
        assertThat(failed).as("the partial batch response SQS reads")
                .containsExactlyInAnyOrder(notJson.messageId(), foreignSource.messageId());

        InstanceRecord launched = peers.store.find(launching).orElseThrow();
        assertThat(launched.status()).isEqualTo(RegistrationStatus.REGISTERED);
        assertThat(launched.resourceId()).contains(registered.resourceId());
        assertThat(completions(launchToken)).as("the launch action").containsExactly("CONTINUE");

        assertThat(peers.environment.vm(terminating)).as("the terminating instance's agent, disabled; its job is "
                + "looked at on the next look").hasValueSatisfying(vm -> assertThat(vm.enabled()).isFalse());
        assertThat(peers.store.find(terminating)).hasValueSatisfying(record ->
                assertThat(record.status()).isEqualTo(RegistrationStatus.DRAINING));
        assertThat(completions(terminateToken)).as("the terminate action, held until that look").isEmpty();
        // The invocation ends with its one metric line on standard output, where Lambda hands it to CloudWatch Logs.
        assertThat(lambda.output()).filteredOn(line -> line.contains(InvocationMetrics.MESSAGE)).last()
                .asString().contains("\"Source\":\"sqs\"", "\"HookCompletedContinue\":1", "\"HookNotHeld\":0",
                        "\"AzureDevOpsRefused\":0", "\"Namespace\":\"AdoEc2Lifecycle\"");
    }
}
