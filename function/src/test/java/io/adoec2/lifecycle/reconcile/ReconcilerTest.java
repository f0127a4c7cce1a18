package io.adoec2.lifecycle.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.azuredevops.simulator.SimAgent;
import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.azuredevops.simulator.SimVm;
import io.adoec2.handler.AsgNotificationHandler;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.RegistrationStatus;
import io.adoec2.lifecycle.TagContract;
import io.adoec2.testing.Fixtures;
import io.adoec2.testing.FunctionHarness;
import io.adoec2.testing.LocalAws;
import io.adoec2.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciler against moto and the Azure DevOps simulator, records written by the real
 * launch handler. Each test places its instances in an environment of its own, so instances
 * other tests left running in the shared moto name an environment this one does not manage.
 */
class ReconcilerTest {
    private static final Instant START = Instant.parse("2026-11-25T09:00:00Z");
    private static final Duration PAST_BOOT_GRACE = ReconcileSettings.DEFAULT_BOOT_GRACE.plusMinutes(1);
    private static final Duration PAST_CONFIRMATION = ReconcileSettings.DEFAULT_CONFIRM_AFTER.plusMinutes(1);

    private final MutableClock clock = new MutableClock(START);
    private FunctionHarness harness;
    private Reconciler reconciler;
    private String environmentName;
    private SimEnvironment environment;

    @BeforeEach
    void start() {
        harness = new FunctionHarness(clock);
        reconciler = harness.runtime.reconciler();
        environmentName = LocalAws.unique("env");
        environment = harness.organization.project(FunctionHarness.PROJECT).environment(environmentName);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aResourceWhoseInstanceIsGoneIsDeletedOnlyOnTheSecondSightingWithItsAgentOffline() throws IOException {
        String instanceId = launchedAndRecorded();
        SimVm vm = environment.registerVm(instanceId, List.of("web"));
        clock.advance(PAST_BOOT_GRACE);
        harness.ec2.terminate(instanceId);

        ReconcileReport agentStillOnline = reconciler.run();
        assertThat(agentStillOnline.results()).isEmpty();
        assertThat(agentStillOnline.plan().held()).containsEntry(Hold.AGENT_ONLINE, 1);

        environment.setAgentOnline(vm.resourceId(), false);
        ReconcileReport firstSighting = reconciler.run();
        assertThat(kinds(firstSighting)).containsExactly(Action.Kind.OBSERVE_GONE);
        assertThat(record(instanceId).goneObservedAt()).contains(clock.instant());
        assertThat(environment.vm(instanceId)).isPresent();

        clock.advance(ReconcileSettings.DEFAULT_CONFIRM_AFTER.minusMinutes(1));
        ReconcileReport tooSoon = reconciler.run();
        assertThat(tooSoon.results()).isEmpty();
        assertThat(tooSoon.plan().held()).containsEntry(Hold.AWAITING_CONFIRMATION, 1);
        assertThat(environment.vm(instanceId)).isPresent();

        clock.advance(Duration.ofMinutes(2));
        ReconcileReport confirmed = reconciler.run();
        assertThat(kinds(confirmed)).containsExactly(Action.Kind.REMOVE);
        assertThat(confirmed.removed()).isEqualTo(1);
        assertThat(environment.vm(instanceId)).isEmpty();
        assertThat(environment.poolAgents()).noneMatch(agent -> agent.name().equals(instanceId));
        InstanceRecord closed = record(instanceId);
        assertThat(closed.status()).isEqualTo(RegistrationStatus.DEREGISTERED);
        assertThat(closed.expiresAt()).isPresent();

        assertThat(reconciler.run().results()).as("a closed record with nothing left needs nothing").isEmpty();
    }

    @Test
    void aPassReadsLiveTaggedInstancesOnceAndAsksByIdOnlyForRecordsTheTagQueryDidNotList() throws IOException {
        String steady = launchedAndRecorded();
        String untagged = launchedAndRecorded();
        environment.registerVm(steady, List.of("web"));
        SimVm untaggedVm = environment.registerVm(untagged, List.of("web"));
        clock.advance(PAST_BOOT_GRACE);
        harness.ec2.deleteTag(untagged, TagContract.PROJECT);
        harness.ec2.deleteTag(untagged, TagContract.ENVIRONMENT);

        long before = harness.awsCalls.count("ec2:DescribeInstances");
        ReconcileReport alive = reconciler.run();
        assertThat(alive.results()).as("both instances run, registered").isEmpty();
        assertThat(harness.awsCalls.count("ec2:DescribeInstances") - before)
                .as("one page of tagged instances, then the one record's instance it did not list, by id")
                .isEqualTo(2);

        harness.ec2.terminate(untagged);
        environment.setAgentOnline(untaggedVm.resourceId(), false);
        ReconcileReport gone = reconciler.run();
        assertThat(kinds(gone)).as("the instance missing from the tag query is still seen gone, by id")
                .containsExactly(Action.Kind.OBSERVE_GONE);
        assertThat(gone.results().getFirst().action().instanceId()).isEqualTo(untagged);
    }

    @Test
    void anAgentAVmResourceLeftInThePoolIsRemovedOnTheSecondSightingOfItsInstanceGone() throws IOException {
        String instanceId = launchedAndRecorded();
        SimVm vm = environment.registerVm(instanceId, List.of("web"));
        environment.registerVm("i-0someoneelse", List.of());
        clock.advance(PAST_BOOT_GRACE);
        harness.ec2.terminate(instanceId);
        environment.setAgentOnline(vm.resourceId(), false);
        environment.deleteVmResourceLikeTheUi(vm.resourceId());

        assertThat(kinds(reconciler.run())).containsExactly(Action.Kind.OBSERVE_GONE);
        assertThat(environment.poolAgents()).extracting(SimAgent::name).contains(instanceId);
        clock.advance(PAST_CONFIRMATION);
        ReconcileReport confirmed = reconciler.run();

        assertThat(kinds(confirmed)).containsExactly(Action.Kind.REMOVE);
        assertThat(environment.poolAgents()).extracting(SimAgent::name).containsExactly("i-0someoneelse");
        assertThat(record(instanceId).status()).isEqualTo(RegistrationStatus.DEREGISTERED);
        assertThat(reconciler.run().results()).as("nothing is left").isEmpty();
    }

    @Test
    void anAgentListedWithoutAStatusIsSettledThroughThePoolNeverTakenAsOffline() throws IOException {
        harness.simulator.omitAgentStatus(true);
        String instanceId = launchedAndRecorded();
        SimVm vm = environment.registerVm(instanceId, List.of("web"));
        clock.advance(PAST_BOOT_GRACE);
        harness.ec2.terminate(instanceId);

        ReconcileReport online = reconciler.run();
        assertThat(online.results()).isEmpty();
        assertThat(online.plan().held()).containsEntry(Hold.AGENT_ONLINE, 1);

        environment.setAgentOnline(vm.resourceId(), false);
        assertThat(kinds(reconciler.run())).containsExactly(Action.Kind.OBSERVE_GONE);
    }

    @Test
    void anInstanceBackBetweenTheTwoSightingsIsForgottenNotDeleted() throws IOException {
        String instanceId = launchedAndRecorded();
        SimVm vm = environment.registerVm(instanceId, List.of());
        clock.advance(PAST_BOOT_GRACE);
        harness.ec2.terminate(instanceId);
        environment.setAgentOnline(vm.resourceId(), false);
        assertThat(kinds(reconciler.run())).containsExactly(Action.Kind.OBSERVE_GONE);

        environment.setAgentOnline(vm.resourceId(), true);
        clock.advance(PAST_CONFIRMATION);
        assertThat(kinds(reconciler.run())).containsExactly(Action.Kind.CLEAR_OBSERVATION);
        assertThat(record(instanceId).goneObservedAt()).isEmpty();

        environment.setAgentOnline(vm.resourceId(), false);
        clock.advance(PAST_CONFIRMATION);
        assertThat(kinds(reconciler.run())).as("the count starts again").containsExactly(Action.Kind.OBSERVE_GONE);
        assertThat(environment.vm(instanceId)).isPresent();
    }

    @Test
    void aHandRegisteredResourceIsNeverDeletedWhateverItsName() throws IOException {
        String managed = launchedAndRecorded();
        environment.registerVm(managed, List.of());
        String otherTeams = harness.ec2.runInstances(1, Map.of("Name", "other-team")).getFirst();
        harness.ec2.terminate(otherTeams);
        List<SimVm> handMade = List.of(environment.registerVm(otherTeams, List.of()),
                environment.registerVm("i-0123456789abcdef0", List.of()),
                environment.registerVm("build-host-7", List.of()));
        handMade.forEach(vm -> environment.setAgentOnline(vm.resourceId(), false));

        for (int pass = 0; pass < 3; pass++) {
            clock.advance(PAST_BOOT_GRACE);
            assertThat(reconciler.run().results()).isEmpty();
        }

        assertThat(environment.vms()).extracting(SimVm::name)
                .containsExactlyInAnyOrder(managed, otherTeams, "i-0123456789abcdef0", "build-host-7");
        assertThat(harness.functionCalls()).doesNotContainKey("Vmresource_Delete");
        assertThat(reconciler.plan().environments()).singleElement().satisfies(view -> {
            assertThat(view.managed()).isEqualTo(1);
            assertThat(view.unmanaged()).isEqualTo(3);
        });
    }

    @Test
    void aRecordInLaunchingWithinTheBootGraceIsUntouched() throws IOException {
        String instanceId = launchedAndRecorded();
        harness.ec2.terminate(instanceId);
        InstanceRecord before = record(instanceId);

        clock.advance(ReconcileSettings.DEFAULT_BOOT_GRACE.minusMinutes(1));
        ReconcileReport pass = reconciler.run();

        assertThat(pass.results()).isEmpty();
        assertThat(pass.plan().held()).containsEntry(Hold.WITHIN_BOOT_GRACE, 1);
        assertThat(record(instanceId)).isEqualTo(before);
    }

    @Test
    void aDrainingRecordIsLeftAloneWhileItsInstanceExists() throws IOException {
        String instanceId = launchedAndRecorded();
        environment.registerVm(instanceId, List.of());
        InstanceRecord draining = withStatus(record(instanceId), RegistrationStatus.DRAINING);
        assertThat(harness.runtime.store().update(draining)).isTrue();

        clock.advance(PAST_BOOT_GRACE);
        ReconcileReport pass = reconciler.run();

        assertThat(pass.results()).isEmpty();
        assertThat(pass.plan().held()).containsEntry(Hold.DRAINING, 1);
        assertThat(record(instanceId)).isEqualTo(draining);
    }

    @Test
    void aRunningInstanceWithoutAVmResourceAfterTheBootGraceIsReported() throws IOException {
        String instanceId = launchedAndRecorded();
        assertThat(reconciler.run().results()).as("still booting").isEmpty();

        clock.advance(PAST_BOOT_GRACE);
        ReconcileReport pass = reconciler.run();

        assertThat(pass.results()).singleElement().satisfies(result -> {
            assertThat(result.action().kind()).isEqualTo(Action.Kind.REPORT_UNREGISTERED);
            assertThat(result.action().instanceId()).isEqualTo(instanceId);
            assertThat(result.detail()).contains("16 min", "no VM resource named " + instanceId);
        });
        assertThat(record(instanceId).status()).isEqualTo(RegistrationStatus.LAUNCHING);
    }

    @Test
    void aLiveInstanceWhoseLaunchWasLostIsAdoptedSoItsLostTerminationLeavesNothing() throws IOException {
        launchedAndRecorded();
        String lost = harness.launchInstance(tags());
        SimVm vm = environment.registerVm(lost, List.of("web"));

        ReconcileReport adoption = reconciler.run();
        assertThat(adoption.results()).singleElement().satisfies(result -> {
            assertThat(result.action().kind()).isEqualTo(Action.Kind.ADOPT);
            assertThat(result.status()).isEqualTo(ActionResult.Status.DONE);
        });
        InstanceRecord adopted = record(lost);
        assertThat(adopted.status()).as("its VM resource is online already").isEqualTo(RegistrationStatus.REGISTERED);
        assertThat(adopted.resourceId()).contains(vm.resourceId());
        assertThat(adopted.environmentName()).contains(environmentName);
        assertThat(adopted.resourceTags()).containsExactly("web");

        harness.ec2.terminate(lost);
        environment.setAgentOnline(vm.resourceId(), false);
        clock.advance(Duration.ofMinutes(5));
        assertThat(kinds(reconciler.run())).containsExactly(Action.Kind.OBSERVE_GONE);
        clock.advance(Duration.ofMinutes(5));
        assertThat(kinds(reconciler.run())).containsExactly(Action.Kind.REMOVE);
        assertThat(environment.vm(lost)).isEmpty();
    }

    @Test
    void aTaggedInstanceOfAnEnvironmentNoRecordNamesIsNotAdopted() {
        String stranger = harness.launchInstance(Map.of(TagContract.PROJECT, FunctionHarness.PROJECT,
                TagContract.ENVIRONMENT, LocalAws.unique("elsewhere")));

        ReconcileReport pass = reconciler.run();

        assertThat(pass.results()).isEmpty();
        assertThat(pass.plan().held()).containsKey(Hold.ENVIRONMENT_NOT_MANAGED);
        assertThat(harness.record(stranger)).isEmpty();
    }

    @Test
    void aDryRunPlansWithoutWritingOrDeleting() throws IOException {
        String gone = launchedAndRecorded();
        SimVm vm = environment.registerVm(gone, List.of());
        String lost = harness.launchInstance(tags());
        clock.advance(PAST_BOOT_GRACE);
        harness.ec2.terminate(gone);
        environment.setAgentOnline(vm.resourceId(), false);
        assertThat(harness.runtime.store().update(record(gone).observedGone(clock.instant()))).isTrue();
        clock.advance(PAST_CONFIRMATION);
        InstanceRecord before = record(gone);

        Plan plan = reconciler.plan();

        assertThat(plan.actions()).extracting(Action::kind, Action::instanceId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Action.Kind.ADOPT, lost),
                org.assertj.core.groups.Tuple.tuple(Action.Kind.REMOVE, gone));
        assertThat(record(gone)).isEqualTo(before);
        assertThat(harness.record(lost)).isEmpty();
        assertThat(environment.vm(gone)).isPresent();
        assertThat(harness.functionCalls()).containsOnlyKeys("Environments_List", "Vmresource_List",
                "Pool_Get", "Agents_List");
    }

    @Test
    void aTerminationHandledBetweenPlanAndApplyWinsAndNothingIsDoneTwice() throws IOException {
        String instanceId = launchedAndRecorded();
        SimVm vm = environment.registerVm(instanceId, List.of());
        clock.advance(PAST_BOOT_GRACE);
        harness.ec2.terminate(instanceId);
        environment.setAgentOnline(vm.resourceId(), false);
        reconciler.run();
        clock.advance(PAST_CONFIRMATION);
        Plan plan = reconciler.plan();
        assertThat(plan.actions()).extracting(Action::kind).containsExactly(Action.Kind.REMOVE);

        deliver("terminate.json", instanceId);
        ReconcileReport late = reconciler.apply(plan);

        assertThat(late.results()).singleElement().satisfies(result ->
                assertThat(result.status()).isEqualTo(ActionResult.Status.LOST_RACE));
        assertThat(environment.vm(instanceId)).isEmpty();
        assertThat(harness.functionCalls()).containsEntry("Vmresource_Delete", 1L);
        assertThat(record(instanceId).status()).isEqualTo(RegistrationStatus.DEREGISTERED);
    }

    private Map<String, String> tags() {
        return Map.of(TagContract.PROJECT, FunctionHarness.PROJECT, TagContract.ENVIRONMENT, environmentName,
                TagContract.RESOURCE_TAGS, "web");
    }

    private String launchedAndRecorded() throws IOException {
        String instanceId = harness.launchInstance(tags());
        deliver("launch.json", instanceId);
        assertThat(harness.record(instanceId)).isPresent();
        return instanceId;
    }

    private void deliver(String fixture, String instanceId) throws IOException {
        String json = Fixtures.event("sns/" + fixture, Map.of("instanceId", instanceId, "group", "web-asg",
                "messageId", UUID.randomUUID().toString()));
        new AsgNotificationHandler(harness.runtime).handleRequest(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
    }

    private InstanceRecord record(String instanceId) {
        return harness.record(instanceId).orElseThrow();
    }

    private static List<Action.Kind> kinds(ReconcileReport report) {
        return report.results().stream().map(result -> {
            assertThat(result.status()).as(result.detail()).isEqualTo(ActionResult.Status.DONE);
            return result.action().kind();
        }).toList();
    }

    private InstanceRecord withStatus(InstanceRecord r, RegistrationStatus status) {
        return new InstanceRecord(r.instanceId(), r.asgName(), r.organizationUrl(), r.projectId(), r.projectName(),
                r.environmentId(), r.environmentName(), r.resourceTags(), r.resourceId(), status, r.createdAt(),
                clock.instant(), r.expiresAt(), r.version() + 1, r.agent(), r.hook(), r.drainStartedAt(),
                Optional.empty(), r.history());
    }
}
