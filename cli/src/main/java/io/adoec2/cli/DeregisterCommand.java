package io.adoec2.cli;

import io.adoec2.aws.AwsClients;
import io.adoec2.retry.Sleeper;
import io.adoec2.cli.deployment.DeploymentOptions;
import io.adoec2.handler.FunctionConfig;
import io.adoec2.handler.FunctionRuntime;
import io.adoec2.lifecycle.ManualDeregistration;
import io.adoec2.observe.EventLog;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Removes one instance's VM resource and pool agent by hand, by the rules the terminate hook follows. */
@Command(name = "deregister", mixinStandardHelpOptions = true,
        description = {"Remove one instance's VM resource and pool agent from its environment and close its record.",
                "Refuses an instance EC2 reports alive unless given --force --reason. Disables the agent and waits "
                        + "for its running job (up to DRAIN_LIMIT_SECONDS) unless --now. Exit 0 when done (or "
                        + "nothing to do), 1 on failure, 2 on bad options, 3 when refused."})
public final class DeregisterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--instance", required = true, paramLabel = "ID", description = "the EC2 instance id (i-...)")
    String instanceId;

    @Option(names = "--dry-run", description = "print what would be done; change nothing")
    boolean dryRun;

    @Option(names = "--force", description = "remove it even while EC2 reports it alive (needs --reason)")
    boolean force;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why it is forced; kept in the record's history")
    String reason;

    @Option(names = "--now", description = "do not wait for the agent's running job")
    boolean now;

    @Mixin
    DeploymentOptions deployment;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FunctionConfig config;
        AwsClients aws;
        try {
            if (!instanceId.matches("i-[0-9a-f]{8,17}")) {
                throw new IllegalArgumentException("--instance " + instanceId + " is not an EC2 instance id (i-...)");
            }
            if (force != (reason != null)) {
                throw new IllegalArgumentException("--force and --reason go together: say why an instance EC2 "
                        + "reports alive is removed");
            }
            if (reason != null && reason.isBlank()) {
                throw new IllegalArgumentException("--reason is blank: say why");
            }
            config = deployment.config();
            aws = deployment.aws();
        } catch (IllegalArgumentException e) {
            err.println("deregister: " + e.getMessage());
            return 2;
        }
        try (aws) {
            Clock clock = Clock.systemUTC();
            FunctionRuntime runtime = FunctionRuntime.create(config, aws, clock, new EventLog(line -> { }, clock));
            ManualDeregistration.Result result = runtime.manualDeregistration().deregister(
                    new ManualDeregistration.Request(instanceId, dryRun, Optional.ofNullable(reason), !now),
                    Sleeper.system(), line -> {
                        err.println(line);
                        err.flush();
                    });
            out.println(switch (result.kind()) {
                case DONE -> "Deregistered " + instanceId + ":";
                case PLANNED -> "Dry run for " + instanceId + ": nothing was changed.";
                case NOTHING_TO_DO -> "Nothing to do for " + instanceId + ":";
                case REFUSED -> "Refused " + instanceId + ":";
            });
            result.steps().forEach(step -> out.println("  " + step));
            return result.kind() == ManualDeregistration.Result.Kind.REFUSED ? 3 : 0;
        } catch (RuntimeException e) {
            err.println("deregister: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
