package io.adoec2.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adoec2.azuredevops.simulator.SimVm;
import io.adoec2.cli.OperatorDeployment;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.RegistrationStatus;
import io.adoec2.lifecycle.TagContract;
import io.adoec2.testing.FunctionHarness;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code status} against moto and the simulator with one instance of each kind of drift planted,
 * and one healthy instance: each is named for what it is, and nothing is changed.
 */
class StatusCommandTest {
    private static OperatorDeployment deployment;
    private static FunctionHarness harness;
    private static String healthy;
    private static String orphan;
    private static String unregistered;
    private static String stuck;
    private static String notOurs = "i-0123456789abcdef0";
    private static String unrecorded;

    @BeforeAll
    static void plantDrift() {
        deployment = new OperatorDeployment();
        harness = deployment.harness;
        Instant now = Instant.now();
        List<String> running = harness.ec2.runInstances(3, Map.of());
        healthy = running.get(0);
        unregistered = running.get(1);
        stuck = running.get(2);

        SimVm healthyVm = deployment.environment.registerVm(healthy, List.of());
        create(launching(healthy, now.minus(Duration.ofHours(2)))
                .registered(healthyVm.resourceId(), agent(healthyVm), now.minus(Duration.ofHours(2))));

        orphan = harness.ec2.runInstances(1, Map.of()).getFirst();
        harness.ec2.terminate(orphan);
        InstanceRecord gone = launching(orphan, now.minus(Duration.ofHours(1)));
        create(gone);
        assertThat(harness.runtime.store().update(gone.observedGone(now.minus(Duration.ofMinutes(10))))).isTrue();
        deployment.environment.setAgentOnline(deployment.environment.registerVm(orphan, List.of()).resourceId(), false);

        create(launching(unregistered, now.minus(Duration.ofHours(1))));

        SimVm stuckVm = deployment.environment.registerVm(stuck, List.of());
        create(launching(stuck, now.minus(Duration.ofHours(3)))
                .registered(stuckVm.resourceId(), agent(stuckVm), now.minus(Duration.ofHours(3)))
                .draining(Optional.empty(), Optional.empty(), Optional.empty(), now.minus(Duration.ofHours(3))));

        deployment.environment.registerVm(notOurs, List.of());
        unrecorded = harness.launchInstance(Map.of(TagContract.PROJECT, FunctionHarness.PROJECT,
                TagContract.ENVIRONMENT, deployment.environment.name()));
    }

    @AfterAll
    static void stop() {
        deployment.close();
    }

    @Test
    void eachPlantedDriftIsNamedAndTheHealthyInstanceIsNot() throws IOException {
        OperatorDeployment.Run run = deployment.run("status", "--json");

        assertThat(run.exitCode).as(run.err).isEqualTo(1);
        JsonNode status = new ObjectMapper().readTree(run.out);
        Map<String, String> drift = new HashMap<>();
        for (JsonNode environment : status.path("environments")) {
            if (environment.path("environmentId").asInt() == deployment.environment.id()) {
                environment.path("instances").forEach(row -> drift.put(row.path("instanceId").asText(),
                        row.path("drift").asText("none")));
            }
        }
        assertThat(drift).containsOnly(Map.entry(healthy, "none"), Map.entry(orphan, "orphan"),
                Map.entry(unregistered, "unregistered"), Map.entry(stuck, "stuck"), Map.entry(notOurs, "not-ours"),
                Map.entry(unrecorded, "no-record"));
        JsonNode totals = status.path("totals");
        assertThat(totals.path("drift").path("orphan").asInt()).isEqualTo(1);
        assertThat(totals.path("instances").asInt()).isEqualTo(6);
        assertThat(totals.path("agentsOnline").asInt()).isEqualTo(3);
    }

    @Test
    void theTableShowsEachInstanceOnceWithItsDriftAndTotals() {
        OperatorDeployment.Run run = deployment.run("status");

        assertThat(run.out).containsPattern(orphan + " +terminated +LAUNCHING +\\d+ +offline,enabled +1h0m +orphan")
                .containsPattern(healthy + " +running +REGISTERED +\\d+ +online,enabled +2h0m +\n")
                .containsPattern(stuck + " +running +DRAINING .* stuck")
                .contains("Totals: 6 instance(s)", "Drift not-ours: 1");
        assertThat(harness.record(orphan).orElseThrow().status()).as("reads only").isEqualTo(RegistrationStatus.LAUNCHING);
        assertThat(harness.record(unrecorded)).as("reads only").isEmpty();
        assertThat(deployment.environment.vm(orphan)).isPresent();
        assertThat(run.out + run.err).doesNotContain(harness.pat);
    }

    @Test
    void oneInstanceShowsItsTransitionsAndWhatWasLastDone() {
        OperatorDeployment.Run run = deployment.run("status", "--instance", stuck);

        assertThat(run.out).contains("record:       DRAINING", "drift:        stuck: in DRAINING for 180 min")
                .containsPattern("LAUNCHING +launch recorded")
                .containsPattern("REGISTERED +registered: VM resource \\d+")
                .containsPattern("DRAINING +agent disabled to drain");
    }

    @Test
    void aMalformedInstanceIdIsNamed() {
        OperatorDeployment.Run run = deployment.run("status", "--instance", "web-1");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--instance web-1 is not an EC2 instance id");
    }

    private static InstanceRecord launching(String instanceId, Instant at) {
        return InstanceRecord.launching(instanceId, Optional.of("web-asg"), deployment.where, List.of(),
                Optional.empty(), at);
    }

    private static InstanceRecord.AgentRef agent(SimVm vm) {
        return new InstanceRecord.AgentRef(deployment.environment.poolId(), vm.agentId());
    }

    private static void create(InstanceRecord record) {
        InstanceRecord first = launching(record.instanceId(), record.createdAt());
        assertThat(harness.runtime.store().create(first)).isTrue();
        if (record.version() > 0) {
            // Stored as the functions would have written it: each version over the last.
            InstanceRecord stored = new InstanceRecord(record.instanceId(), record.asgName(), record.organizationUrl(),
                    record.projectId(), record.projectName(), record.environmentId(), record.environmentName(),
                    record.resourceTags(), record.resourceId(), record.status(), record.createdAt(), record.updatedAt(),
                    record.expiresAt(), 1, record.agent(), record.hook(), record.drainStartedAt(),
                    record.goneObservedAt(), record.history());
            assertThat(harness.runtime.store().update(stored)).isTrue();
        }
    }
}
