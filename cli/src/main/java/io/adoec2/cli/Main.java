package io.adoec2.cli;

import io.adoec2.cli.bench.BenchCommand;
import io.adoec2.cli.reconcile.ReconcileCommand;
import io.adoec2.cli.status.StatusCommand;
import io.adoec2.cli.simulate.SimulateCommand;
import io.adoec2.localaws.PeerSetupException;
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
        return commandLine().execute(args);
    }

    /**
     * The command line with its subcommands. A bad option value prints picocli's message, which names the
     * option, the value and what is allowed, and a pointer to --help instead of the whole usage text.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setParameterExceptionHandler((problem, args) -> {
            CommandLine command = problem.getCommandLine();
            command.getErr().println(problem.getMessage());
            command.getErr().println("(" + command.getCommandSpec().qualifiedName() + " --help lists the options)");
            command.getErr().flush();
            return command.getCommandSpec().exitCodeOnInvalidInput();
        }).setExecutionExceptionHandler((problem, command, parsed) -> {
            // What the machine lacks (a peer that would not install or start) is said, not traced;
            // a bug keeps its trace.
            if (!(problem instanceof PeerSetupException)) {
                throw problem;
            }
            command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + problem.getMessage());
            command.getErr().flush();
            return command.getCommandSpec().exitCodeOnExecutionException();
        });
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
