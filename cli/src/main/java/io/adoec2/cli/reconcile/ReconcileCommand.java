package io.adoec2.cli.reconcile;

import io.adoec2.aws.AwsClients;
import io.adoec2.cli.deployment.DeploymentOptions;
import io.adoec2.cli.deployment.TerminalProgress;
import io.adoec2.handler.FunctionConfig;
import io.adoec2.handler.FunctionRuntime;
import io.adoec2.handler.ReconcileJson;
import io.adoec2.lifecycle.reconcile.PassProgress;
import io.adoec2.lifecycle.reconcile.Plan;
import io.adoec2.lifecycle.reconcile.ReconcileReport;
import io.adoec2.lifecycle.reconcile.Reconciler;
import io.adoec2.observe.EventLog;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One reconcile pass against a real deployment, with the function's own logic and configuration
 * variables (the options override them). AWS region and credentials come from the usual places
 * (environment, profile, SSO, instance role); the PAT only ever from its SSM parameter.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Run one reconcile pass against a deployment: what the scheduled reconcile function does.",
                "Options default to the function's environment variables (TABLE_NAME, ADO_ORGANIZATION_URL, "
                        + "ADO_ORGANIZATIONS, ADO_PAT_PARAMETER, RECONCILE_*). Exit 0 when the pass is complete, "
                        + "1 when something could not be looked at or done, 2 on bad configuration."})
public final class ReconcileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dry-run", description = "plan only: print what would be done, change nothing")
    boolean dryRun;

    @Option(names = "--json", description = "print one JSON object instead of tables")
    boolean json;

    @Mixin
    DeploymentOptions deployment;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FunctionConfig config;
        AwsClients aws;
        try {
            config = deployment.config();
            aws = deployment.aws();
        } catch (IllegalArgumentException e) {
            err.println("reconcile: " + e.getMessage());
            return 2;
        }
        try (aws) {
            Clock clock = Clock.systemUTC();
            Reconciler reconciler = FunctionRuntime.create(config, aws, clock, new EventLog(line -> { }, clock))
                    .reconciler();
            PassProgress progress = TerminalProgress.standardError(json);
            Plan plan = reconciler.plan(progress);
            if (dryRun) {
                out.println(json ? ReconcileJson.plan(plan).toString() : ReconcileTables.plan(plan));
                return plan.problems().isEmpty() ? 0 : 1;
            }
            ReconcileReport report = reconciler.apply(plan, progress);
            out.println(json ? ReconcileJson.report(report).toString() : ReconcileTables.report(report));
            return report.complete() ? 0 : 1;
        } catch (RuntimeException e) {
            err.println("reconcile: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
