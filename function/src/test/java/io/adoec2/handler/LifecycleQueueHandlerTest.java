package io.adoec2.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adoec2.azuredevops.simulator.DeletionModel;
import io.adoec2.azuredevops.simulator.Fault;
import io.adoec2.azuredevops.simulator.SimAgent;
import io.adoec2.azuredevops.simulator.SimVm;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.RegistrationStatus;
import io.adoec2.lifecycle.TagContract;
import io.adoec2.testing.AutoScalingEndpoint;
import io.adoec2.testing.Fixtures;
import io.adoec2.testing.Fixtures.SqsMessage;
import io.adoec2.testing.FunctionHarness;
import io.adoec2.testing.LocalAws;
import io.adoec2.testing.MutableClock;
import io.adoec2.testing.TerraformFunctions;
import io.adoec2.testing.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SQS handler with lifecycle hooks, end to end: EventBridge events in the shapes AWS
 * documents, re-checks through moto's SQS, lifecycle actions checked against the Auto Scaling
 * API model, and the Azure DevOps simulator.
 */
class LifecycleQueueHandlerTest {
    private static final Instant START = Instant.parse("2026-11-25T09:12:43Z");

    private MutableClock clock;
    private FunctionHarness harness;
    private LifecycleQueueHandler handler;

    @BeforeEach
    void start() {
        clock = new MutableClock(START);
        harness = new FunctionHarness(clock, Map.of(FunctionConfig.REGISTRATION_TIMEOUT_SECONDS, "600",
                FunctionConfig.DRAIN_LIMIT_SECONDS, "600", FunctionConfig.HOOK_HEARTBEAT_TIMEOUT_SECONDS, "300"));
        handler = new LifecycleQueueHandler(harness.runtime);
    }

    @AfterEach
    void stop() {
        assertThat(harness.autoScaling.violations()).as("requests that break the Auto Scaling API model").isEmpty();
        harness.close();
    }

    /** Delivers a batch; returns the message ids the handler reported as failed. */
    private List<String> deliver(List<SqsMessage> messages) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Fixtures.sqsBatch(messages).getBytes(StandardCharsets.UTF_8)),
                out, null);
        JsonNode response = new ObjectMapper().readTree(out.toByteArray());
        List<String> failed = new ArrayList<>();
        response.get("batchItemFailures").forEach(f -> failed.add(f.get("itemIdentifier").asText()));
        return failed;
    }

    /**
     * Sends an EventBridge lifecycle action for the instance; returns its token, which Auto Scaling
     * now holds (a terminate action's instance being in Terminating:Wait).
     */
    private String hookAction(String fixture, String instanceId) throws IOException {
        String token = UUID.randomUUID().toString();
        harness.autoScaling.holds(token);
        if (fixture.contains("terminate")) {
            harness.autoScaling.leaving(instanceId, "web-asg");
        }
        assertThat(deliver(List.of(new SqsMessage(UUID.randomUUID().toString(), Fixtures.event(fixture,
                Map.of("instanceId", instanceId, "token", token, "group", "web-asg", "hook", "ado-agents",
                        "time", clock.instant().toString(), "eventId", UUID.randomUUID().toString())))))).isEmpty();
        return token;
    }

    /** Lets simulated time pass, then delivers the re-checks that have become due, as SQS would. */
    private int recheckAfter(Duration wait) throws IOException {
        clock.advance(wait);
        List<SqsMessage> due = harness.sqs.drain(harness.recheckQueue, 2);
        if (!due.isEmpty()) {
            assertThat(deliver(due)).isEmpty();
        }
        return due.size();
    }

    private List<String> actions(String token) {
        return harness.autoScaling.requestsFor(token).stream()
                .map(r -> r.action().equals("CompleteLifecycleAction")
                        ? r.action() + ":" + r.parameters().get("LifecycleActionResult") : r.action())
                .toList();
    }

    private String lastLogLine() {
        return harness.lastEvent();
    }

    private InstanceRecord record(String instanceId) {
        return harness.record(instanceId).orElseThrow();
    }

    /** An instance held by the launch hook until its VM resource came online, so its record holds the ids. */
    private String registeredThroughTheLaunchHook() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        hookAction("eventbridge/launch-action.json", instanceId);
        harness.environment.registerVm(instanceId, List.of());
        recheckAfter(Duration.ofSeconds(30));
        assertThat(record(instanceId).status()).isEqualTo(RegistrationStatus.REGISTERED);
        return instanceId;
    }

    /** Like {@link #recheckAfter}, for several re-checks due at once, however SQS spreads them over receives. */
    private void recheckAllAfter(Duration wait, int expected) throws IOException {
        clock.advance(wait);
        int delivered = 0;
        for (int receive = 0; receive < 5 && delivered < expected; receive++) {
            List<SqsMessage> due = harness.sqs.drain(harness.recheckQueue, 2);
            if (!due.isEmpty()) {
                assertThat(deliver(due)).isEmpty();
            }
            delivered += due.size();
        }
        assertThat(delivered).isEqualTo(expected);
    }

    private Map<String, Long> callsSince(Map<String, Long> before) {
        Map<String, Long> since = new HashMap<>();
        harness.functionCalls().forEach((operation, count) -> {
            long added = count - before.getOrDefault(operation, 0L);
            if (added > 0) {
                since.put(operation, added);
            }
        });
        return since;
    }

    @Test
    void aLaunchIsHeldUntilItsAgentIsOnlineThenContinued() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags("web"));
        String token = hookAction("eventbridge/launch-action.json", instanceId);
        assertThat(lastLogLine()).contains("\"Result\":\"WAITING\"");
        assertThat(record(instanceId).status()).isEqualTo(RegistrationStatus.LAUNCHING);
        assertThat(harness.autoScaling.stillHolds(token)).isTrue();

        SimVm vm = harness.environment.registerVm(instanceId, List.of("web"));
        assertThat(recheckAfter(Duration.ofSeconds(30))).isEqualTo(1);

        assertThat(lastLogLine()).contains("\"Result\":\"REGISTERED\"");
        InstanceRecord registered = record(instanceId);
        assertThat(registered.status()).isEqualTo(RegistrationStatus.REGISTERED);
        assertThat(registered.resourceId()).contains(vm.resourceId());
        assertThat(registered.agent()).contains(new InstanceRecord.AgentRef(harness.environment.poolId(), vm.agentId()));
        assertThat(actions(token)).containsExactly("CompleteLifecycleAction:CONTINUE");
        assertThat(recheckAfter(Duration.ofSeconds(30))).as("no look after the action is completed").isZero();
    }

    @Test
    void aVmResourceListedWithoutAgentStatusIsSettledThroughThePoolsAgentListing() throws IOException {
        harness.simulator.omitAgentStatus(true);
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        String token = hookAction("eventbridge/launch-action.json", instanceId);
        SimVm vm = harness.environment.registerVm(instanceId, List.of());
        harness.environment.setAgentOnline(vm.resourceId(), false);

        recheckAfter(Duration.ofSeconds(30));
        assertThat(lastLogLine()).as("offline in the pool: not taken as online").contains("\"Result\":\"WAITING\"");
        harness.environment.setAgentOnline(vm.resourceId(), true);
        recheckAfter(Duration.ofSeconds(30));

        assertThat(lastLogLine()).contains("\"Result\":\"REGISTERED\"");
        assertThat(actions(token)).containsExactly("CompleteLifecycleAction:CONTINUE");
    }

    @Test
    void aWaitingLaunchHeartbeatsBeforeItsHookTimesOut() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        String token = hookAction("eventbridge/launch-action.json", instanceId);

        recheckAfter(Duration.ofSeconds(60));
        assertThat(actions(token)).as("a fifth of the 300 s timeout: no heartbeat yet").isEmpty();
        recheckAfter(Duration.ofSeconds(30));
        assertThat(actions(token)).containsExactly("RecordLifecycleActionHeartbeat");
        recheckAfter(Duration.ofSeconds(30));
        assertThat(actions(token)).containsExactly("RecordLifecycleActionHeartbeat");
    }

    @Test
    void aLaunchThatNeverComesOnlineIsCleanedUpAndAbandoned() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        String token = hookAction("eventbridge/launch-action.json", instanceId);
        SimVm halfRegistered = harness.environment.registerVm(instanceId, List.of());
        harness.environment.setAgentOnline(halfRegistered.resourceId(), false);

        for (int look = 0; look < 5; look++) {
            recheckAfter(Duration.ofSeconds(140));
        }

        assertThat(lastLogLine()).contains("\"Result\":\"ABANDONED\"");
        assertThat(actions(token)).endsWith("CompleteLifecycleAction:ABANDON");
        assertThat(harness.environment.vm(instanceId)).isEmpty();
        assertThat(harness.environment.poolAgents()).extracting(SimAgent::name).doesNotContain(instanceId);
        assertThat(record(instanceId).status()).isEqualTo(RegistrationStatus.DEREGISTERED);
    }

    @Test
    void aTerminatingInstanceIsDrainedUntilItsJobEnds() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        hookAction("eventbridge/launch-action.json", instanceId);
        SimVm vm = harness.environment.registerVm(instanceId, List.of());
        recheckAfter(Duration.ofSeconds(30));
        assertThat(harness.environment.startJob(vm.resourceId(), "Deploy web")).isTrue();

        String token = hookAction("eventbridge/terminate-action.json", instanceId);
        assertThat(lastLogLine()).contains("\"Result\":\"DRAINING\"", "agent disabled");
        assertThat(harness.environment.vm(instanceId)).hasValueSatisfying(v -> {
            assertThat(v.enabled()).as("disabled: takes no new job").isFalse();
            assertThat(v.busy()).isTrue();
        });
        assertThat(harness.environment.startJob(vm.resourceId(), "Another deploy")).isFalse();
        recheckAfter(Duration.ofSeconds(30));
        assertThat(lastLogLine()).contains("\"Result\":\"DRAINING\"", "Deploy web");
        assertThat(harness.environment.vm(instanceId)).as("kept while the job runs").isPresent();

        harness.environment.finishJob(vm.resourceId());
        recheckAfter(Duration.ofSeconds(30));

        assertThat(harness.environment.vm(instanceId)).isEmpty();
        assertThat(record(instanceId).status()).isEqualTo(RegistrationStatus.DEREGISTERED);
        assertThat(actions(token)).containsExactly("CompleteLifecycleAction:CONTINUE");
    }

    @Test
    void anIdleAgentIsDisabledFirstAndItsVmResourceRemovedAtTheNextLook() throws IOException {
        String instanceId = registeredThroughTheLaunchHook();
        Map<String, Long> before = harness.functionCalls();

        String token = hookAction("eventbridge/terminate-action.json", instanceId);
        assertThat(harness.environment.vm(instanceId)).as("disabled, not yet removed")
                .hasValueSatisfying(v -> assertThat(v.enabled()).isFalse());
        assertThat(actions(token)).isEmpty();
        recheckAfter(Duration.ofSeconds(30));

        assertThat(harness.environment.vm(instanceId)).isEmpty();
        assertThat(record(instanceId).status()).isEqualTo(RegistrationStatus.DEREGISTERED);
        assertThat(actions(token)).containsExactly("CompleteLifecycleAction:CONTINUE");
        assertThat(harness.environment.poolAgents()).extracting(SimAgent::name).doesNotContain(instanceId);
        assertThat(callsSince(before)).as("the launch recorded the ids: no lookup, one look at the pool")
                .containsOnly(Map.entry("Agents_Update", 1L), Map.entry("Agents_List", 1L),
                        Map.entry("Vmresource_Delete", 1L), Map.entry("Agents_Delete", 1L));
    }

    @Test
    void inTheOptimisticDeletionModelTheAgentGoneWithItsVmResourceCostsOneRefusedDelete() throws IOException {
        harness.simulator.deletionModel(DeletionModel.OPTIMISTIC);
        String instanceId = registeredThroughTheLaunchHook();
        Map<String, Long> before = harness.functionCalls();

        String token = hookAction("eventbridge/terminate-action.json", instanceId);
        recheckAfter(Duration.ofSeconds(30));

        assertThat(harness.environment.vm(instanceId)).isEmpty();
        assertThat(harness.environment.poolAgents()).extracting(SimAgent::name).doesNotContain(instanceId);
        assertThat(actions(token)).containsExactly("CompleteLifecycleAction:CONTINUE");
        assertThat(callsSince(before)).containsOnly(Map.entry("Agents_Update", 1L), Map.entry("Agents_List", 1L),
                Map.entry("Vmresource_Delete", 1L), Map.entry("Agents_Delete", 1L));
    }

    @Test
    void launchesSeenAtDifferentMomentsAreLookedAtTogetherInOneListingOfTheEnvironment() throws IOException {
        List<String> instanceIds = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String instanceId = harness.launchInstance(FunctionHarness.groupTags("web"));
            instanceIds.add(instanceId);
            tokens.add(hookAction("eventbridge/launch-action.json", instanceId));
            clock.advance(Duration.ofSeconds(7)); // 09:12:43, :50 and :57
        }
        instanceIds.forEach(id -> harness.environment.registerVm(id, List.of("web")));
        Map<String, Long> before = harness.functionCalls();

        recheckAllAfter(Duration.ofSeconds(9), instanceIds.size()); // 09:13:06: each due at the 09:13:00 tick

        assertThat(instanceIds).allSatisfy(id -> assertThat(record(id).status()).isEqualTo(RegistrationStatus.REGISTERED));
        assertThat(tokens).allSatisfy(token -> assertThat(actions(token)).containsExactly(
                "CompleteLifecycleAction:CONTINUE"));
        assertThat(callsSince(before)).as("one listing for the three, whatever the deployment set up first")
                .containsEntry("Vmresource_List", 1L).doesNotContainKey("Agents_List");
    }

    @Test
    void aScaleInLooksAtThePoolOnceForEveryAgentDisabledBeforeTheLook() throws IOException {
        List<String> instanceIds = List.of(registeredThroughTheLaunchHook(), registeredThroughTheLaunchHook(),
                registeredThroughTheLaunchHook());
        Map<String, Long> before = harness.functionCalls();

        List<String> tokens = new ArrayList<>();
        for (String instanceId : instanceIds) {
            tokens.add(hookAction("eventbridge/terminate-action.json", instanceId));
        }
        recheckAllAfter(Duration.ofSeconds(30), instanceIds.size());

        assertThat(instanceIds).allSatisfy(id -> assertThat(harness.environment.vm(id)).isEmpty());
        assertThat(tokens).allSatisfy(token -> assertThat(actions(token)).containsExactly(
                "CompleteLifecycleAction:CONTINUE"));
        assertThat(harness.environment.poolAgents()).extracting(SimAgent::name).doesNotContainAnyElementsOf(instanceIds);
        assertThat(callsSince(before)).containsOnly(Map.entry("Agents_Update", 3L), Map.entry("Agents_List", 1L),
                Map.entry("Vmresource_Delete", 3L), Map.entry("Agents_Delete", 3L));
    }

    @Test
    void aForgedTerminateHookActionForAnInServiceInstanceDisablesAndDeletesNothing() throws IOException {
        // A group moto runs: Auto Scaling has the instance InService, and EC2 has it running.
        String instanceId = harness.ec2.autoScalingGroupInstance(LocalAws.unique("web-asg"),
                FunctionHarness.groupTags(""));
        SimVm vm = harness.environment.registerVm(instanceId, List.of());
        String token = UUID.randomUUID().toString();
        long asked = harness.awsCalls.count("autoscaling:DescribeAutoScalingInstances");

        assertThat(deliver(List.of(new SqsMessage("forged", Fixtures.event("eventbridge/terminate-action.json",
                Map.of("instanceId", instanceId, "token", token, "group", "web-asg", "hook", "ado-agents",
                        "time", clock.instant().toString(), "eventId", "forged"))))))
                .as("handled, not retried").isEmpty();

        assertThat(lastLogLine()).contains("\"Result\":\"SPURIOUS_TERMINATION\"", "InService");
        assertThat(harness.environment.vm(instanceId)).as("still registered and enabled")
                .hasValueSatisfying(v -> assertThat(v.enabled()).isTrue());
        assertThat(harness.environment.poolAgents()).extracting(SimAgent::name).contains(instanceId);
        assertThat(actions(token)).as("a token that may be forged is not completed").isEmpty();
        assertThat(harness.sqs.drain(harness.recheckQueue, 1)).as("no look scheduled").isEmpty();
        assertThat(harness.awsCalls.count("autoscaling:DescribeAutoScalingInstances") - asked).isEqualTo(1);
        assertThat(harness.environment.startJob(vm.resourceId(), "Deploy web")).as("still takes jobs").isTrue();
    }

    @Test
    void aBatchOfTerminateHookActionsAsksAutoScalingOnce() throws IOException {
        List<String> instanceIds = List.of(registeredThroughTheLaunchHook(), registeredThroughTheLaunchHook(),
                registeredThroughTheLaunchHook());
        long asked = harness.awsCalls.count("autoscaling:DescribeAutoScalingInstances");
        List<SqsMessage> batch = new ArrayList<>();
        for (String instanceId : instanceIds) {
            String token = UUID.randomUUID().toString();
            harness.autoScaling.holds(token);
            harness.autoScaling.leaving(instanceId, "web-asg");
            batch.add(new SqsMessage(UUID.randomUUID().toString(), Fixtures.event("eventbridge/terminate-action.json",
                    Map.of("instanceId", instanceId, "token", token, "group", "web-asg", "hook", "ado-agents",
                            "time", clock.instant().toString(), "eventId", UUID.randomUUID().toString()))));
        }

        assertThat(deliver(batch)).isEmpty();

        assertThat(harness.awsCalls.count("autoscaling:DescribeAutoScalingInstances") - asked).isEqualTo(1);
        assertThat(instanceIds).allSatisfy(id -> assertThat(harness.environment.vm(id))
                .hasValueSatisfying(v -> assertThat(v.enabled()).as("disabled: really leaving").isFalse()));
    }

    @Test
    void aListingOfThePoolTakenBeforeAnAgentWasDisabledIsNotTrustedWithIt() throws IOException {
        String first = registeredThroughTheLaunchHook();
        String second = registeredThroughTheLaunchHook();
        hookAction("eventbridge/terminate-action.json", first);
        recheckAfter(Duration.ofSeconds(30));
        assertThat(harness.environment.vm(first)).as("removed after a listing of the pool").isEmpty();

        // A job lands on the second agent after that listing, just before its own termination disables it.
        SimVm busy = harness.environment.vm(second).orElseThrow();
        assertThat(harness.environment.startJob(busy.resourceId(), "Late deploy")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        hookAction("eventbridge/terminate-action.json", second);
        recheckAfter(Duration.ofSeconds(2));

        assertThat(lastLogLine()).contains("\"Result\":\"DRAINING\"", "Late deploy");
        assertThat(harness.environment.vm(second)).as("kept while its job runs").isPresent();
        assertThat(harness.functionCalls()).containsEntry("Agents_List", 2L);
    }

    @Test
    void aJobThatOutlastsTheDrainLimitIsInterruptedAndSaidSo() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        SimVm vm = harness.environment.registerVm(instanceId, List.of());
        harness.environment.startJob(vm.resourceId(), "Endless soak test");
        String token = hookAction("eventbridge/terminate-action.json", instanceId);

        for (int look = 0; look < 5; look++) {
            recheckAfter(Duration.ofSeconds(140));
        }

        assertThat(lastLogLine()).contains("\"Result\":\"DRAIN_LIMIT_PASSED\"");
        assertThat(harness.environment.vm(instanceId)).isEmpty();
        assertThat(actions(token)).endsWith("CompleteLifecycleAction:CONTINUE");
        assertThat(actions(token)).contains("RecordLifecycleActionHeartbeat");
    }

    @Test
    void anAgentLeftInThePoolByAUiDeleteIsRemovedSoTheNameCanBeUsedAgain() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        SimVm vm = harness.environment.registerVm(instanceId, List.of());
        harness.environment.deleteVmResourceLikeTheUi(vm.resourceId());
        assertThat(harness.environment.poolAgents()).extracting(SimAgent::name).contains(instanceId);

        String token = hookAction("eventbridge/terminate-action.json", instanceId);

        assertThat(harness.environment.poolAgents()).extracting(SimAgent::name).doesNotContain(instanceId);
        assertThat(harness.environment.registerVm(instanceId, List.of())).isNotNull();
        assertThat(actions(token)).containsExactly("CompleteLifecycleAction:CONTINUE");
    }

    @Test
    void aSpotWarningDisablesTheAgentAtOnce() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        hookAction("eventbridge/launch-action.json", instanceId);
        harness.environment.registerVm(instanceId, List.of());
        recheckAfter(Duration.ofSeconds(30));

        Map<String, Long> before = harness.functionCalls();

        deliver(List.of(new SqsMessage("spot", Fixtures.event("eventbridge/spot-interruption-warning.json",
                Map.of("instanceId", instanceId, "time", clock.instant().toString(), "eventId", "e1")))));

        assertThat(harness.environment.vm(instanceId)).hasValueSatisfying(v -> assertThat(v.enabled()).isFalse());
        assertThat(record(instanceId).status()).isEqualTo(RegistrationStatus.DRAINING);
        assertThat(callsSince(before)).as("the record holds the ids: no lookup").containsOnly(
                Map.entry("Agents_Update", 1L));

        clock.advance(Duration.ofMinutes(2));
        String token = hookAction("eventbridge/terminate-action.json", instanceId);
        assertThat(harness.environment.vm(instanceId)).as("already disabled: its job is looked at at once").isEmpty();
        assertThat(actions(token)).containsExactly("CompleteLifecycleAction:CONTINUE");
    }

    @Test
    void tagsThatPlaceTheInstanceNowhereContinueTheLaunchInsteadOfReplacingItForEver() throws IOException {
        String instanceId = harness.launchInstance(Map.of(TagContract.PROJECT, FunctionHarness.PROJECT,
                TagContract.ENVIRONMENT, "nowhere"));

        String token = hookAction("eventbridge/launch-action.json", instanceId);

        assertThat(actions(token)).containsExactly("CompleteLifecycleAction:CONTINUE");
        assertThat(lastLogLine()).contains("\"ConfigurationError\":1", "\"environment\":\"nowhere\"",
                "\"project\":\"Platform\"", "launch continued unregistered");
    }

    @Test
    void aJustLaunchedInstanceEc2DoesNotListYetIsLookedAtAgainNotAbandoned() throws IOException {
        String unlisted = "i-0123456789abcdef0";

        String token = hookAction("eventbridge/launch-action.json", unlisted);

        assertThat(actions(token)).isEmpty();
        assertThat(lastLogLine()).contains("\"Result\":\"WAITING\"", "does not list the instance yet");
        clock.advance(Duration.ofSeconds(1));
        assertThat(harness.sqs.drain(harness.recheckQueue, 2)).as("the next look").hasSize(1);
    }

    @Test
    void anInstanceThatIsNotOursIsLetGoAtOnce() throws IOException {
        String instanceId = harness.launchInstance(Map.of("Name", "bastion"));
        String token = hookAction("eventbridge/launch-action.json", instanceId);

        assertThat(actions(token)).containsExactly("CompleteLifecycleAction:CONTINUE");
        assertThat(harness.record(instanceId)).isEmpty();
    }

    @Test
    void theAccountWideTerminationOfAnInstanceThatIsNotOursWritesNoRecord() throws IOException {
        String foreign = harness.launchInstance(Map.of("Name", "bastion"));
        String ours = harness.launchInstance(FunctionHarness.groupTags(""));
        harness.ec2.terminateAll(List.of(foreign, ours));

        assertThat(deliver(List.of(stateChangeTerminated(foreign), stateChangeTerminated(ours)))).isEmpty();

        assertThat(harness.record(foreign)).as("another team's instance, terminated").isEmpty();
        assertThat(record(ours).status()).as("ours, launch never seen: a tombstone stops a late launch")
                .isEqualTo(RegistrationStatus.DEREGISTERED);
    }

    @Test
    void aMessageThatFailsInsideABatchIsCountedUnderTheMetricTheFailureAlarmWatches() throws IOException {
        String instanceId = registeredThroughTheLaunchHook();
        harness.ec2.terminate(instanceId);
        harness.simulator.faults().failNext("Vmresource_Delete", 50, 503);
        SqsMessage failing = stateChangeTerminated(instanceId);

        assertThat(deliver(List.of(failing))).as("reported back in the batch response, so no Lambda error")
                .containsExactly(failing.messageId());

        JsonNode alarmed = TerraformFunctions.spec().path("metrics");
        JsonNode handlerErrors = alarmed.path("handlerErrors");
        JsonNode line = new ObjectMapper().readTree(harness.logLines.stream()
                .filter(l -> l.contains("\"" + handlerErrors.path("metric").asText() + "\"")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no line counts " + handlerErrors)));
        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").path(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo(alarmed.path("namespace").asText());
        assertThat(directive.path("Metrics").path(0).path("Name").asText())
                .isEqualTo(handlerErrors.path("metric").asText());
        assertThat(directive.path("Dimensions").path(0).path(0).asText())
                .isEqualTo(handlerErrors.path("dimension").asText());
        assertThat(line.path(handlerErrors.path("dimension").asText()).asText()).isNotBlank();
        assertThat(line.path("instanceId").asText()).isEqualTo(instanceId);
    }

    private SqsMessage stateChangeTerminated(String instanceId) throws IOException {
        return new SqsMessage(UUID.randomUUID().toString(), Fixtures.event("eventbridge/state-change-terminated.json",
                Map.of("instanceId", instanceId, "time", clock.instant().toString(),
                        "eventId", UUID.randomUUID().toString())));
    }

    @Test
    void aScaleInToTheWarmPoolKeepsTheVmResource() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        harness.environment.registerVm(instanceId, List.of());

        String token = hookAction("eventbridge/terminate-to-warm-pool.json", instanceId);

        assertThat(actions(token)).containsExactly("CompleteLifecycleAction:CONTINUE");
        assertThat(harness.environment.vm(instanceId)).isPresent();
    }

    @Test
    void aDuplicateDeliveryDoesNotMultiplyTheLooks() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        String token = UUID.randomUUID().toString();
        harness.autoScaling.holds(token);
        String body = Fixtures.event("eventbridge/launch-action.json", Map.of("instanceId", instanceId, "token", token,
                "group", "web-asg", "hook", "ado-agents", "time", clock.instant().toString(), "eventId", "e1"));

        deliver(List.of(new SqsMessage("first", body), new SqsMessage("again", body)));

        clock.advance(Duration.ofSeconds(30));
        assertThat(harness.sqs.drain(harness.recheckQueue, 2)).hasSize(1);
    }

    @Test
    void aLookWhoseNextLookCouldNotBeSentIsTakenAgainWhenItsMessageComesBack() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        String token = UUID.randomUUID().toString();
        harness.autoScaling.holds(token);
        SqsMessage action = new SqsMessage("action", Fixtures.event("eventbridge/launch-action.json",
                Map.of("instanceId", instanceId, "token", token, "group", "web-asg", "hook", "ado-agents",
                        "time", clock.instant().toString(), "eventId", "e1")));
        String queueName = harness.recheckQueue.substring(harness.recheckQueue.lastIndexOf('/') + 1);
        harness.sqs.deleteQueue(harness.recheckQueue);

        assertThat(deliver(List.of(action))).as("the next look could not be sent").containsExactly("action");
        assertThat(harness.sqs.createQueue(queueName)).isEqualTo(harness.recheckQueue);
        clock.advance(Duration.ofSeconds(60));
        assertThat(deliver(List.of(action))).as("the same message, back after its visibility timeout").isEmpty();

        assertThat(lastLogLine()).contains("\"Result\":\"WAITING\"");
        clock.advance(Duration.ofSeconds(30));
        assertThat(harness.sqs.drain(harness.recheckQueue, 2)).as("the next look is on its way").hasSize(1);
        assertThat(harness.autoScaling.stillHolds(token)).isTrue();
    }

    @Test
    void aDrainWhoseNextLookCouldNotBeSentIsTakenAgainWhenItsMessageComesBack() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        SimVm vm = harness.environment.registerVm(instanceId, List.of());
        harness.environment.startJob(vm.resourceId(), "Deploy web");
        String token = UUID.randomUUID().toString();
        harness.autoScaling.holds(token);
        harness.autoScaling.leaving(instanceId, "web-asg");
        SqsMessage action = new SqsMessage("action", Fixtures.event("eventbridge/terminate-action.json",
                Map.of("instanceId", instanceId, "token", token, "group", "web-asg", "hook", "ado-agents",
                        "time", clock.instant().toString(), "eventId", "e1")));
        String queueName = harness.recheckQueue.substring(harness.recheckQueue.lastIndexOf('/') + 1);
        harness.sqs.deleteQueue(harness.recheckQueue);

        assertThat(deliver(List.of(action))).as("the next look could not be sent").containsExactly("action");
        harness.sqs.createQueue(queueName);
        clock.advance(Duration.ofSeconds(60));
        assertThat(deliver(List.of(action))).as("the same message, back after its visibility timeout").isEmpty();

        assertThat(lastLogLine()).contains("\"Result\":\"DRAINING\"");
        harness.environment.finishJob(vm.resourceId());
        assertThat(recheckAfter(Duration.ofSeconds(30))).as("the next look came").isEqualTo(1);
        assertThat(harness.environment.vm(instanceId)).isEmpty();
        assertThat(actions(token)).containsExactly("CompleteLifecycleAction:CONTINUE");
    }

    @Test
    void aBatchReportsExactlyItsPoisonedMessages() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        String token = UUID.randomUUID().toString();
        harness.autoScaling.holds(token);
        List<SqsMessage> batch = List.of(
                new SqsMessage("good-1", Fixtures.event("eventbridge/launch-action.json", Map.of("instanceId",
                        instanceId, "token", token, "group", "web-asg", "hook", "ado-agents",
                        "time", clock.instant().toString(), "eventId", "e1"))),
                new SqsMessage("poison-1", "not json at all"),
                new SqsMessage("good-2", Fixtures.event("eventbridge/state-change-stopping.json",
                        Map.of("instanceId", instanceId, "time", clock.instant().toString(), "eventId", "e2"))),
                new SqsMessage("poison-2", "{\"detail-type\":\"EC2 Spot Instance Interruption Warning\","
                        + "\"source\":\"aws.ec2\",\"time\":\"2026-11-25T09:12:43Z\",\"detail\":{\"instance-id\":42}}"));

        assertThat(deliver(batch)).containsExactly("poison-1", "poison-2");
        assertThat(record(instanceId).status()).isEqualTo(RegistrationStatus.LAUNCHING);
    }

    @Test
    void aBatchOfTerminationsAsksEc2OnceAndDeletesOnlyWhatEc2BearsOut() throws IOException {
        List<String> gone = List.of(registeredThroughTheLaunchHook(), registeredThroughTheLaunchHook(),
                registeredThroughTheLaunchHook());
        String running = registeredThroughTheLaunchHook();
        harness.ec2.terminateAll(gone);
        List<SqsMessage> batch = new ArrayList<>();
        for (String instanceId : List.of(gone.get(0), running, gone.get(1), gone.get(2))) {
            batch.add(new SqsMessage(UUID.randomUUID().toString(), Fixtures.event(
                    "eventbridge/state-change-terminated.json", Map.of("instanceId", instanceId,
                            "time", clock.instant().toString(), "eventId", UUID.randomUUID().toString()))));
        }
        long describesBefore = harness.awsCalls.count("ec2:DescribeInstances");

        assertThat(deliver(batch)).isEmpty();

        assertThat(harness.awsCalls.count("ec2:DescribeInstances") - describesBefore).isEqualTo(1);
        assertThat(gone).allSatisfy(instanceId -> assertThat(harness.environment.vm(instanceId)).isEmpty());
        assertThat(harness.environment.vm(running)).isPresent();
        assertThat(record(running).status()).isEqualTo(RegistrationStatus.REGISTERED);
        assertThat(harness.logLines).filteredOn(line -> line.contains("\"SpuriousTermination\":1"))
                .singleElement().asString().contains(running);
    }

    @Test
    void nearItsDeadlineABatchHandsBackWhatItCouldNotFinish() throws IOException {
        try (FunctionHarness slow = new FunctionHarness(Clock.systemUTC(),
                Map.of(FunctionConfig.ADO_TIMEOUT_SECONDS, "1"))) {
            // Azure DevOps accepts connections and never answers.
            for (String operation : List.of("Projects_Get", "Projects_List", "Environments_List", "Environments_Get",
                    "Vmresource_List", "Pool_Get", "Agents_List")) {
                slow.simulator.faults().set(operation, Fault.latency(Duration.ofSeconds(60)));
            }
            List<SqsMessage> batch = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                String instanceId = slow.launchInstance(FunctionHarness.groupTags(""));
                String token = UUID.randomUUID().toString();
                slow.autoScaling.holds(token);
                batch.add(new SqsMessage("launch-" + i, Fixtures.event("eventbridge/launch-action.json",
                        Map.of("instanceId", instanceId, "token", token, "group", "web-asg", "hook", "ado-agents",
                                "time", Instant.now().toString(), "eventId", "e" + i))));
            }
            // 3 s of margin, 2.5 s of work: the first launch's calls give up at the deadline, the rest wait.
            TestContext context = TestContext.withRemaining(Clock.systemUTC(), Duration.ofMillis(5_500));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long started = System.nanoTime();

            new LifecycleQueueHandler(slow.runtime).handleRequest(new ByteArrayInputStream(
                    Fixtures.sqsBatch(batch).getBytes(StandardCharsets.UTF_8)), out, context);

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            List<String> failed = new ArrayList<>();
            new ObjectMapper().readTree(out.toByteArray()).get("batchItemFailures")
                    .forEach(f -> failed.add(f.get("itemIdentifier").asText()));
            assertThat(failed).containsExactly("launch-1", "launch-2", "launch-3");
            assertThat(took).as("the invocation ends before Lambda's timeout").isLessThan(Duration.ofMillis(5_500));
            assertThat(slow.logLines).anySatisfy(line -> assertThat(line).contains("\"Deferred\":1")
                    .contains("\"count\":\"2\""));
        }
    }
}
