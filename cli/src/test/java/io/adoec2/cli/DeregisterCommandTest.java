package io.adoec2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.azuredevops.simulator.SimVm;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.RegistrationStatus;
import io.adoec2.testing.FunctionHarness;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code deregister} against moto and the simulator: the terminate hook's rules, by hand. */
class DeregisterCommandTest {
    private static OperatorDeployment deployment;
    private static FunctionHarness harness;

    @BeforeAll
    static void start() {
        deployment = new OperatorDeployment();
        harness = deployment.harness;
    }

    @AfterAll
    static void stop() {
        deployment.close();
    }

    @Test
    void aRunningInstanceIsRefusedAndKeepsEverything() {
        Registered instance = registered(false);

        OperatorDeployment.Run run = deployment.run("deregister", "--instance", instance.id);

        assertThat(run.exitCode).as(run.out + run.err).isEqualTo(3);
        assertThat(run.out).contains("Refused " + instance.id, "EC2 reports " + instance.id + " RUNNING",
                "--force --reason");
        assertThat(deployment.environment.vm(instance.id)).isPresent();
        assertThat(deployment.environment.vm(instance.id).orElseThrow().enabled()).isTrue();
        assertThat(harness.record(instance.id).orElseThrow().status()).isEqualTo(RegistrationStatus.REGISTERED);
    }

    @Test
    void forceWithoutAReasonIsABadOption() {
        OperatorDeployment.Run run = deployment.run("deregister", "--instance", "i-0123456789abcdef0", "--force");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--force and --reason go together");
    }

    @Test
    void aDryRunSaysWhatItWouldDoAndDoesNothing() {
        Registered instance = registered(true);

        OperatorDeployment.Run run = deployment.run("deregister", "--instance", instance.id, "--dry-run");

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("nothing was changed", "would disable agent " + instance.vm.agentId(),
                "would delete VM resource " + instance.vm.resourceId());
        assertThat(deployment.environment.vm(instance.id).orElseThrow().enabled()).isTrue();
    }

    @Test
    void aTerminatedInstanceIsRemovedAndTheRecordClosedWithItsReason() {
        Registered instance = registered(true);

        OperatorDeployment.Run run = deployment.run("deregister", "--instance", instance.id);

        assertThat(run.exitCode).as(run.out + run.err).isZero();
        assertThat(run.out).contains("disabled agent " + instance.vm.agentId(), "no job running",
                "removed 1 VM resource(s)");
        assertThat(deployment.environment.vm(instance.id)).isEmpty();
        assertThat(deployment.environment.poolAgents()).noneMatch(agent -> agent.name().equals(instance.id));
        InstanceRecord record = harness.record(instance.id).orElseThrow();
        assertThat(record.status()).isEqualTo(RegistrationStatus.DEREGISTERED);
        assertThat(record.history().getLast().note()).isEqualTo("deregistered by hand: instance TERMINATED");

        OperatorDeployment.Run again = deployment.run("deregister", "--instance", instance.id);
        assertThat(again.exitCode).isZero();
        assertThat(again.out).contains("already deregistered");
    }

    @Test
    void aForcedRemovalNowDoesNotWaitForTheRunningJobAndKeepsTheReason() {
        Registered instance = registered(false);
        assertThat(deployment.environment.startJob(instance.vm.resourceId(), "deploy-web")).isTrue();

        OperatorDeployment.Run run = deployment.run("deregister", "--instance", instance.id, "--force",
                "--reason", "host failing its disk checks", "--now");

        assertThat(run.exitCode).as(run.out + run.err).isZero();
        assertThat(run.out).contains("did not wait for a running job (--now)");
        assertThat(deployment.environment.vm(instance.id)).isEmpty();
        assertThat(harness.record(instance.id).orElseThrow().history().getLast().note())
                .isEqualTo("deregistered by hand: forced while RUNNING: host failing its disk checks");
    }

    private record Registered(String id, SimVm vm) {}

    private static Registered registered(boolean terminated) {
        String id = harness.ec2.runInstances(1, Map.of()).getFirst();
        if (terminated) {
            harness.ec2.terminate(id);
        }
        SimVm vm = deployment.environment.registerVm(id, List.of());
        Instant now = Instant.now();
        InstanceRecord launching = InstanceRecord.launching(id, Optional.of("web-asg"), deployment.where, List.of(),
                Optional.empty(), now);
        assertThat(harness.runtime.store().create(launching)).isTrue();
        assertThat(harness.runtime.store().update(launching.registered(vm.resourceId(),
                new InstanceRecord.AgentRef(deployment.environment.poolId(), vm.agentId()), now))).isTrue();
        return new Registered(id, vm);
    }
}
