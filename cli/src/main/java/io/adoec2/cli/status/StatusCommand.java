package io.adoec2.cli.status;

import io.adoec2.aws.AwsClients;
import io.adoec2.aws.Ec2Instances;
import io.adoec2.cli.deployment.DeploymentOptions;
import io.adoec2.cli.deployment.TerminalProgress;
import io.adoec2.handler.FunctionConfig;
import io.adoec2.handler.FunctionRuntime;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.reconcile.Plan;
import io.adoec2.observe.EventLog;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Which instances are registered where, and what is out of step: the reconciler's plan (a dry
 * run: it reads records, EC2 and every managed environment's VM resources, and writes nothing)
 * laid out per environment.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show every managed environment's instances: EC2 state, record, VM resource, agent, age and drift.",
                "Reads only. Options default to the functions' environment variables, as for reconcile. "
                        + "Exit 0 when nothing drifts, 1 when something drifts or could not be looked at, "
                        + "2 on bad configuration."})
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print one JSON object instead of tables")
    boolean json;

    @Option(names = "--instance", paramLabel = "ID", description = "one instance: its record, the time of each "
            + "transition and what the functions last did with it")
    String instanceId;

    @Mixin
    DeploymentOptions deployment;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FunctionConfig config;
        AwsClients aws;
        try {
            if (instanceId != null && !instanceId.matches("i-[0-9a-f]{8,17}")) {
                throw new IllegalArgumentException("--instance " + instanceId + " is not an EC2 instance id (i-...)");
            }
            config = deployment.config();
            aws = deployment.aws();
        } catch (IllegalArgumentException e) {
            err.println("status: " + e.getMessage());
            return 2;
        }
        try (aws) {
            Clock clock = Clock.systemUTC();
            FunctionRuntime runtime = FunctionRuntime.create(config, aws, clock, new EventLog(line -> { }, clock));
            Plan plan = runtime.reconciler().plan(TerminalProgress.standardError(json));
            List<InstanceRecord> records = runtime.store().all();
            FleetStatus status = FleetStatus.of(plan, records, new Ec2Instances(aws.ec2()), config.hooks(),
                    config.reconcile());
            if (instanceId != null) {
                List<InstanceRow> rows = status.rowsOf(instanceId);
                Optional<InstanceRecord> record = records.stream()
                        .filter(r -> r.instanceId().equalsIgnoreCase(instanceId)).findFirst();
                out.println(json ? StatusJson.instance(instanceId, rows, record).toString()
                        : StatusTables.instance(instanceId, rows, record));
                return rows.stream().anyMatch(row -> row.drift().isPresent()) ? 1 : 0;
            }
            out.println(json ? StatusJson.fleet(status).toString() : StatusTables.fleet(status));
            return status.totals().drift().isEmpty() && status.problems().isEmpty() ? 0 : 1;
        } catch (RuntimeException e) {
            err.println("status: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
