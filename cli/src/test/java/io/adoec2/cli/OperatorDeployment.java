package io.adoec2.cli;

import io.adoec2.azuredevops.EnvironmentRef;
import io.adoec2.azuredevops.ProjectRef;
import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.azuredevops.simulator.SimProject;
import io.adoec2.lifecycle.OrganizationUrl;
import io.adoec2.lifecycle.ResolvedEnvironment;
import io.adoec2.testing.FunctionHarness;
import io.adoec2.testing.LocalAws;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * A "deployment" for the operator commands' tests: moto's server (table, PAT parameter, EC2) and
 * the Azure DevOps simulator, reached the way an operator reaches production (options and the
 * SDK's default credential chain).
 */
public final class OperatorDeployment implements AutoCloseable {
    public final FunctionHarness harness;
    public final SimEnvironment environment;
    public final ResolvedEnvironment where;

    public OperatorDeployment() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        harness = new FunctionHarness(Clock.systemUTC());
        SimProject project = harness.organization.project(FunctionHarness.PROJECT);
        environment = project.environment(LocalAws.unique("env"));
        where = new ResolvedEnvironment(OrganizationUrl.parse(organizationUrl()),
                new ProjectRef(project.id(), project.name()),
                new EnvironmentRef(project.id(), environment.id(), environment.name()));
    }

    public String organizationUrl() {
        return harness.simulator.organizationUrl(FunctionHarness.ORGANIZATION).toString();
    }

    /** Runs {@code command} with the deployment's options. */
    public Run run(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--region", LocalAws.REGION,
                "--table", harness.table, "--organization", organizationUrl(),
                "--pat-parameter", harness.patParameter));
        args.addAll(List.of(extra));
        return new Run(args.toArray(String[]::new));
    }

    @Override
    public void close() {
        harness.close();
    }

    public static final class Run {
        public final int exitCode;
        public final String out;
        public final String err;

        Run(String[] args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            this.exitCode = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                    .execute(args);
            this.out = out.toString();
            this.err = err.toString();
        }
    }
}
