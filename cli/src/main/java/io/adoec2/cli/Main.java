package io.adoec2.cli;

import io.adoec2.cli.bench.BenchCommand;
import io.adoec2.cli.reconcile.ReconcileCommand;
import io.adoec2.cli.status.StatusCommand;
import io.adoec2.cli.simulate.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** bin/ado-ec2-lifecycle: the commands an operator and a developer run. */
@Command(name = "ado-ec2-lifecycle", mixinStandardHelpOptions = true, version = "ado-ec2-lifecycle 0.1.0",
        description = "Azure DevOps environment VM resources that follow EC2 Auto Scaling.",
        subcommands = {SimulateCommand.class, SimulatorCommand.class, ReconcileCommand.class, StatusCommand.class,
                DeregisterCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
