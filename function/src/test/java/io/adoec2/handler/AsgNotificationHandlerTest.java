package io.adoec2.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adoec2.azuredevops.simulator.SimAgent;
import io.adoec2.azuredevops.simulator.SimVm;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.RegistrationStatus;
import io.adoec2.lifecycle.TagContract;
import io.adoec2.testing.Fixtures;
import io.adoec2.testing.FunctionHarness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SNS handler fed the notification JSON AWS sends, against moto (DynamoDB, EC2, SSM) and
 * the Azure DevOps simulator; assertions are on their state, as a user would look.
 */
class AsgNotificationHandlerTest {
    private static final Instant NOW = Instant.parse("2026-11-25T09:12:44Z");

    private FunctionHarness harness;
    private AsgNotificationHandler handler;

    @BeforeEach
    void start() {
        harness = new FunctionHarness(Clock.fixed(NOW, ZoneOffset.UTC));
        handler = new AsgNotificationHandler(harness.runtime);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private void deliver(String fixture, String instanceId) throws IOException {
        String json = Fixtures.event("sns/" + fixture, Map.of("instanceId", instanceId, "group", "web-asg",
                "messageId", UUID.randomUUID().toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    private String lastLogLine() {
        return harness.lastEvent();
    }

    @Test
    void aLaunchedInstanceIsRecordedAndItsVmResourceRemovedAtTermination() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags("web, linux"));

        deliver("launch.json", instanceId);
        InstanceRecord launched = harness.record(instanceId).orElseThrow();
        assertThat(launched.status()).isEqualTo(RegistrationStatus.LAUNCHING);
        assertThat(launched.environmentId()).contains(harness.environment.id());
        assertThat(launched.environmentName()).contains(FunctionHarness.ENVIRONMENT);
        assertThat(launched.asgName()).contains("web-asg");
        assertThat(launched.resourceTags()).containsExactly("web", "linux");

        harness.environment.registerVm(instanceId, List.of("web", "linux"));
        SimVm neighbour = harness.environment.registerVm("i-0fedcba9876543210", List.of());
        harness.ec2.terminate(instanceId);
        deliver("terminate.json", instanceId);

        assertThat(harness.environment.vm(instanceId)).isEmpty();
        assertThat(harness.environment.poolAgents()).extracting(SimAgent::name).containsExactly(neighbour.name());
        assertThat(harness.environment.vm(neighbour.name())).isPresent();
        InstanceRecord gone = harness.record(instanceId).orElseThrow();
        assertThat(gone.status()).isEqualTo(RegistrationStatus.DEREGISTERED);
        assertThat(gone.expiresAt()).contains(NOW.plus(Duration.ofDays(30)));
        assertThat(harness.functionCalls()).as("the environment is found under the project's name: no Projects_Get")
                .containsOnly(Map.entry("Environments_List", 1L), Map.entry("Vmresource_List", 1L),
                Map.entry("Vmresource_Delete", 1L), Map.entry("Pool_Get", 1L), Map.entry("Agents_Delete", 1L));
    }

    @Test
    void aDuplicateLaunchChangesNothing() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        deliver("launch.json", instanceId);
        InstanceRecord first = harness.record(instanceId).orElseThrow();

        deliver("launch.json", instanceId);

        assertThat(harness.record(instanceId)).contains(first);
        assertThat(lastLogLine()).contains("\"Result\":\"DUPLICATE\"");
    }

    @Test
    void aTerminationBeforeItsLaunchLeavesATombstoneTheLateLaunchRespects() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        harness.environment.registerVm(instanceId, List.of());
        harness.ec2.terminate(instanceId);

        deliver("terminate.json", instanceId);
        deliver("launch.json", instanceId);

        assertThat(harness.record(instanceId).orElseThrow().status()).isEqualTo(RegistrationStatus.DEREGISTERED);
        assertThat(lastLogLine()).contains("\"Result\":\"LATE_LAUNCH_IGNORED\"");
        assertThat(harness.environment.vm(instanceId)).as("found by the tags it still had").isEmpty();
    }

    @Test
    void aDuplicateTerminationChangesNothing() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        deliver("launch.json", instanceId);
        harness.ec2.terminate(instanceId);
        deliver("terminate.json", instanceId);
        InstanceRecord first = harness.record(instanceId).orElseThrow();

        deliver("terminate.json", instanceId);

        assertThat(harness.record(instanceId)).contains(first);
        assertThat(lastLogLine()).contains("\"Result\":\"DUPLICATE\"");
    }

    @Test
    void anUnknownEnvironmentIsALoggedRejectionNotACrash() throws IOException {
        String instanceId = harness.launchInstance(Map.of(TagContract.PROJECT, FunctionHarness.PROJECT,
                TagContract.ENVIRONMENT, "staging"));

        deliver("launch.json", instanceId);

        assertThat(harness.record(instanceId)).isEmpty();
        assertThat(lastLogLine()).contains("\"level\":\"WARN\"", "\"Result\":\"REJECTED\"", "staging");
    }

    @Test
    void anOrganizationThatIsNotConfiguredIsRefusedWithoutACallToIt() throws IOException {
        String instanceId = harness.launchInstance(Map.of(TagContract.PROJECT, FunctionHarness.PROJECT,
                TagContract.ENVIRONMENT, FunctionHarness.ENVIRONMENT,
                TagContract.ORGANIZATION, "https://attacker.example.com/contoso"));

        deliver("launch.json", instanceId);

        assertThat(harness.record(instanceId)).isEmpty();
        assertThat(lastLogLine()).contains("\"Result\":\"REJECTED\"", "is not one this deployment serves");
        assertThat(harness.functionCalls()).isEmpty();
    }

    @Test
    void anInstanceWithoutTheTagsIsLeftAlone() throws IOException {
        String instanceId = harness.launchInstance(Map.of("Name", "bastion"));

        deliver("launch.json", instanceId);

        assertThat(harness.record(instanceId)).isEmpty();
        assertThat(lastLogLine()).contains("\"Result\":\"NOT_MANAGED\"");
    }

    @Test
    void testNotificationsAndLaunchErrorsAreAcknowledged() throws IOException {
        deliver("test-notification.json", "i-0123456789abcdef0");
        assertThat(lastLogLine()).contains("\"Result\":\"INFORMATIONAL\"", "TEST_NOTIFICATION");
        deliver("launch-error.json", "");
        assertThat(lastLogLine()).contains("\"Result\":\"INFORMATIONAL\"", "LAUNCH_ERROR");
        deliver("unknown-event.json", "i-0123456789abcdef0");
        assertThat(harness.record("i-0123456789abcdef0")).isEmpty();
    }

    @Test
    void aMalformedMessageFailsNamingTheField() {
        assertThatThrownBy(() -> deliver("launch-missing-instance-id.json", "unused"))
                .isInstanceOf(DeliveryFailedException.class)
                .hasMessageContaining("1 of 1 sns message(s) failed");
        assertThat(lastLogLine()).contains("\"level\":\"ERROR\"", "$.Message.EC2InstanceId: is missing");
    }

    @Test
    void aFailureAzureDevOpsKeepsAnsweringIsThrownSoLambdaRetriesIt() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        deliver("launch.json", instanceId);
        harness.environment.registerVm(instanceId, List.of());
        harness.simulator.faults().failNext("Vmresource_List", 20, 503);
        harness.ec2.terminate(instanceId);

        assertThatThrownBy(() -> deliver("terminate.json", instanceId)).isInstanceOf(DeliveryFailedException.class);
        assertThat(harness.record(instanceId).orElseThrow().status()).isEqualTo(RegistrationStatus.LAUNCHING);
        assertThat(lastLogLine()).contains("\"HandlerError\":1").doesNotContain(harness.pat);

        harness.simulator.faults().clear();
        deliver("terminate.json", instanceId);
        assertThat(harness.environment.vm(instanceId)).isEmpty();
        assertThat(harness.record(instanceId).orElseThrow().status()).isEqualTo(RegistrationStatus.DEREGISTERED);
    }

    @Test
    void aTerminationEc2DoesNotBearOutDeletesNothingAndIsCounted() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        deliver("launch.json", instanceId);
        harness.environment.registerVm(instanceId, List.of());

        deliver("terminate.json", instanceId);

        assertThat(harness.environment.vm(instanceId)).as("the running instance's VM resource").isPresent();
        assertThat(harness.record(instanceId).orElseThrow().status()).isEqualTo(RegistrationStatus.LAUNCHING);
        assertThat(lastLogLine()).contains("\"SpuriousTermination\":1", "\"Result\":\"SPURIOUS_TERMINATION\"",
                "\"level\":\"WARN\"", "RUNNING", "nothing deleted");
        assertThat(harness.functionCalls()).doesNotContainKey("Vmresource_Delete");
    }

    @Test
    void tagsThatPlaceAnInstanceNowhereAreAConfigurationErrorWithTheirNamesAsFields() throws IOException {
        String instanceId = harness.launchInstance(Map.of(TagContract.PROJECT, FunctionHarness.PROJECT,
                TagContract.ENVIRONMENT, "nowhere"));

        deliver("launch.json", instanceId);

        assertThat(lastLogLine()).contains("\"ConfigurationError\":1", "\"project\":\"Platform\"",
                "\"environment\":\"nowhere\"", "\"organization\":\"(default)\"");
    }
}
