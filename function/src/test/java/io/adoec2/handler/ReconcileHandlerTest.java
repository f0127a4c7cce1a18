package io.adoec2.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.azuredevops.simulator.SimVm;
import io.adoec2.events.MalformedEventException;
import io.adoec2.lifecycle.TagContract;
import io.adoec2.lifecycle.reconcile.ReconcileSettings;
import io.adoec2.observe.InvocationMetrics;
import io.adoec2.testing.Fixtures;
import io.adoec2.testing.FunctionHarness;
import io.adoec2.testing.LocalAws;
import io.adoec2.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconcile function invoked with the event an EventBridge schedule sends, against moto and the simulator. */
class ReconcileHandlerTest {
    private static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private FunctionHarness harness;
    private ReconcileHandler handler;
    private String environmentName;
    private SimEnvironment environment;

    @BeforeEach
    void start() {
        harness = new FunctionHarness(clock);
        handler = new ReconcileHandler(harness.runtime);
        environmentName = LocalAws.unique("env");
        environment = harness.organization.project(FunctionHarness.PROJECT).environment(environmentName);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aScheduledPassAnswersWhatItDidAndLogsAnInstanceThatNeverRegistered() throws IOException {
        String silent = launchedAndRecorded();
        String registered = launchedAndRecorded();
        environment.registerVm(registered, List.of());
        environment.registerVm("build-host-1", List.of());
        clock.advance(ReconcileSettings.DEFAULT_BOOT_GRACE.plusMinutes(1));

        JsonNode answer = invoke(schedule());

        assertThat(answer.path("complete").asBoolean()).isTrue();
        assertThat(answer.path("done").path("REPORT_UNREGISTERED").asInt()).isEqualTo(1);
        assertThat(answer.path("removed").asInt()).isZero();
        assertThat(answer.path("environments")).singleElement().satisfies(view -> {
            assertThat(view.path("environment").asText()).isEqualTo(environmentName);
            assertThat(view.path("managed").asInt()).isEqualTo(1);
            assertThat(view.path("unmanaged").asInt()).isEqualTo(1);
        });
        assertThat(harness.logLines).anySatisfy(line -> assertThat(line).contains("\"level\":\"WARN\"",
                "\"Action\":\"REPORT_UNREGISTERED\"", "\"Reconcile\":1", "\"instanceId\":\"" + silent + "\"",
                "\"Name\":\"Reconcile\""));
        assertThat(harness.lastEvent()).contains("\"Result\":\"COMPLETE\"", "\"ReconcilePass\":1",
                "\"scheduledAt\":\"" + clock.instant() + "\"", "rule/ado-ec2-lifecycle-reconcile");
    }

    @Test
    void anEventThatIsNotAScheduleIsLoggedAndRefusedNamingTheField() {
        assertThatThrownBy(() -> invoke(Fixtures.event("schedule/not-a-schedule.json", Map.of())))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("$.source");
        assertThat(harness.lastEvent()).contains("\"MalformedEvent\":1", "\"Source\":\"schedule\"",
                "\"field\":\"$.source\"");
    }

    @Test
    void anEnvironmentThatCannotBeListedFailsThePassAfterTheOthersAreDone() throws IOException {
        launchedAndRecorded();
        harness.simulator.faults().failNext("Vmresource_List", 20, 503);

        assertThatThrownBy(() -> invoke(schedule())).isInstanceOf(ReconcileIncompleteException.class)
                .hasMessageContaining("1 problem(s)").hasMessageContaining("cannot list the VM resources of");
        assertThat(harness.logLines).anySatisfy(line -> assertThat(line).contains("\"level\":\"ERROR\"",
                "\"ReconcileError\":1", "\"Action\":\"PLAN\""));
        assertThat(harness.lastEvent()).contains("\"Result\":\"INCOMPLETE\"");
        assertThat(String.join("\n", harness.logLines)).doesNotContain(harness.pat);
    }

    @Test
    void anOrphanIsRemovedOnItsSecondSightingAndThePassCountsItsAzureDevOpsRequests() throws IOException {
        String instanceId = launchedAndRecorded();
        SimVm vm = environment.registerVm(instanceId, List.of());
        environment.setAgentOnline(vm.resourceId(), false);
        clock.advance(ReconcileSettings.DEFAULT_BOOT_GRACE.plusMinutes(1));
        harness.ec2.terminate(instanceId);
        invoke(schedule());
        clock.advance(ReconcileSettings.DEFAULT_CONFIRM_AFTER.plusMinutes(1));
        long before = harness.simulator.calls().all().stream()
                .filter(call -> call.identity().equals(FunctionHarness.FUNCTION_IDENTITY)).count();

        JsonNode answer = invoke(schedule());

        assertThat(answer.path("removed").asInt()).isEqualTo(1);
        assertThat(environment.vm(instanceId)).isEmpty();
        assertThat(harness.logLines).anySatisfy(line -> assertThat(line).contains("\"Action\":\"REMOVE\"",
                "\"Reconcile\":1", "\"instanceId\":\"" + instanceId + "\""));
        long requests = harness.simulator.calls().all().stream()
                .filter(call -> call.identity().equals(FunctionHarness.FUNCTION_IDENTITY)).count() - before;
        JsonNode metrics = new ObjectMapper().readTree(harness.metricLines().getLast());
        assertThat(metrics.path("Source").asText()).isEqualTo("schedule");
        assertThat(metrics.path(InvocationMetrics.AZURE_DEVOPS_REQUESTS).asLong()).isEqualTo(requests).isPositive();
        assertThat(metrics.has(InvocationMetrics.HOOKS_NOT_HELD)).as("no hook metric from a pass without hooks")
                .isFalse();
    }

    private String schedule() {
        return Fixtures.event("schedule/scheduled-event.json", Map.of("id", UUID.randomUUID().toString(),
                "time", clock.instant().toString()));
    }

    private JsonNode invoke(String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return new ObjectMapper().readTree(out.toByteArray());
    }

    private String launchedAndRecorded() throws IOException {
        String instanceId = harness.launchInstance(Map.of(TagContract.PROJECT, FunctionHarness.PROJECT,
                TagContract.ENVIRONMENT, environmentName));
        String json = Fixtures.event("sns/launch.json", Map.of("instanceId", instanceId, "group", "web-asg",
                "messageId", UUID.randomUUID().toString()));
        new AsgNotificationHandler(harness.runtime).handleRequest(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
        assertThat(harness.record(instanceId)).isPresent();
        return instanceId;
    }
}
