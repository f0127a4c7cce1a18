package io.adoec2.cli.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adoec2.azuredevops.EnvironmentRef;
import io.adoec2.azuredevops.ProjectRef;
import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.azuredevops.simulator.SimProject;
import io.adoec2.cli.Main;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.OrganizationUrl;
import io.adoec2.lifecycle.RegistrationStatus;
import io.adoec2.lifecycle.ResolvedEnvironment;
import io.adoec2.lifecycle.TagContract;
import io.adoec2.testing.FunctionHarness;
import io.adoec2.testing.LocalAws;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ado-ec2-lifecycle reconcile} against a "deployment" of moto and the simulator: the
 * table and PAT parameter a harness made, credentials from the SDK's default chain.
 */
class ReconcileCommandTest {
    private FunctionHarness harness;
    private SimEnvironment environment;
    private String gone;
    private String lost;

    @BeforeEach
    void deployment() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        harness = new FunctionHarness(Clock.systemUTC());
        SimProject project = harness.organization.project(FunctionHarness.PROJECT);
        environment = project.environment(LocalAws.unique("env"));
        ResolvedEnvironment where = new ResolvedEnvironment(OrganizationUrl.parse(organizationUrl()),
                new ProjectRef(project.id(), project.name()),
                new EnvironmentRef(project.id(), environment.id(), environment.name()));

        gone = harness.ec2.runInstances(1, Map.of()).getFirst();
        harness.ec2.terminate(gone);
        Instant now = Instant.now();
        InstanceRecord record = InstanceRecord.launching(gone, Optional.of("web-asg"), where, List.of(), Optional.empty(),
                now.minus(Duration.ofHours(1)));
        assertThat(harness.runtime.store().create(record)).isTrue();
        assertThat(harness.runtime.store().update(record.observedGone(now.minus(Duration.ofMinutes(10))))).isTrue();
        environment.setAgentOnline(environment.registerVm(gone, List.of()).resourceId(), false);

        lost = harness.launchInstance(Map.of(TagContract.PROJECT, project.name(),
                TagContract.ENVIRONMENT, environment.name()));
        environment.setAgentOnline(environment.registerVm("i-0123456789abcdef0", List.of()).resourceId(), false);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aDryRunPrintsThePlanAsJsonAndChangesNothing() throws IOException {
        Run run = reconcile("--dry-run", "--json");

        assertThat(run.exitCode).as(run.err).isZero();
        JsonNode plan = new ObjectMapper().readTree(run.out);
        assertThat(plan.path("dryRun").asBoolean()).isTrue();
        List<String> actions = new ArrayList<>();
        plan.path("actions").forEach(a -> actions.add(a.path("action").asText() + " " + a.path("instanceId").asText()));
        assertThat(actions).containsExactlyInAnyOrder("REMOVE " + gone, "ADOPT " + lost);
        assertThat(environment.vm(gone)).isPresent();
        assertThat(harness.record(lost)).isEmpty();
        assertThat(harness.record(gone).orElseThrow().status()).isEqualTo(RegistrationStatus.LAUNCHING);
    }

    @Test
    void aPassPrintsATableOfWhatItDid() {
        Run run = reconcile();

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("removed 1 VM resource(s)", "UNMANAGED")
                .containsPattern("REMOVE +" + gone + " .* DONE +deleted 1 VM resource")
                .containsPattern("ADOPT +" + lost + " .* DONE");
        assertThat(environment.vm(gone)).isEmpty();
        assertThat(environment.vm("i-0123456789abcdef0")).as("no record places it: not ours").isPresent();
        assertThat(harness.record(lost)).isPresent();
        assertThat(run.out + run.err).doesNotContain(harness.pat);
    }

    @Test
    void missingConfigurationNamesTheOptionsVariable() {
        Run run = new Run(new String[] {"reconcile", "--region", LocalAws.REGION, "--table", harness.table});

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("ADO_ORGANIZATION_URL is not set", "ADO_PAT_PARAMETER is not set");
    }

    private Run reconcile(String... extra) {
        List<String> args = new ArrayList<>(List.of("reconcile", "--region", LocalAws.REGION,
                "--table", harness.table, "--organization", organizationUrl(),
                "--pat-parameter", harness.patParameter));
        args.addAll(List.of(extra));
        return new Run(args.toArray(String[]::new));
    }

    private String organizationUrl() {
        return harness.simulator.organizationUrl(FunctionHarness.ORGANIZATION).toString();
    }

    private static final class Run {
        final int exitCode;
        final String out;
        final String err;

        Run(String[] args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            this.exitCode = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                    .execute(args);
            this.out = out.toString();
            this.err = err.toString();
        }
    }
}
