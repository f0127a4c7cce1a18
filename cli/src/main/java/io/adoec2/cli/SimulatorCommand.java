package io.adoec2.cli;

import io.adoec2.azuredevops.simulator.SimulatorServer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Serves the Azure DevOps simulator on 127.0.0.1 until stopped. */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = "Serve the Azure DevOps simulator with one organization, project and environment until stopped.")
public final class SimulatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8090", description = "port on 127.0.0.1 (0 = any free port; default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--org", defaultValue = "contoso", description = "organization (default ${DEFAULT-VALUE})")
    String organization;

    @Option(names = "--project", defaultValue = "Platform", description = "project (default ${DEFAULT-VALUE})")
    String project;

    @Option(names = "--environment", defaultValue = "production", description = "environment (default ${DEFAULT-VALUE})")
    String environment;

    @Option(names = "--pat", description = "a test PAT the simulator accepts; SIMULATOR_PAT in the environment "
            + "does the same and stays off the process list")
    String pat;

    @Option(names = "--entra-tenant", description = "also serve an Entra stand-in for one app of this tenant "
            + "(with --entra-client-id; its client secret from SIMULATOR_ENTRA_CLIENT_SECRET in the environment), "
            + "an identity of the organization that registers as the agent's --auth SP does")
    String entraTenant;

    @Option(names = "--entra-client-id", description = "client id of that app")
    String entraClientId;

    @Option(names = "--seed-vms", defaultValue = "0", description = "VM resources to register, named like EC2 instance ids")
    int seedVms;

    @Option(names = "--rate-limit", defaultValue = "0", description = "requests a minute per identity, over a sliding 5-minute window, before requests "
            + "are delayed (up to 30 s) and then refused with 429 (0 = no limit)")
    int rateLimit;

    @Option(names = "--left-in-pool", paramLabel = "NAME", description = "a pool agent with no VM resource, as "
            + "deleting its resource in the web UI leaves it (repeatable)")
    List<String> leftInPool = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "0", description = "seed of ids and fault rolls (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        OptionValues.within(spec, "--port", port, 0, 65_535);
        OptionValues.atLeast(spec, "--seed-vms", seedVms, 0);
        OptionValues.atLeast(spec, "--rate-limit", rateLimit, 0);
        PrintWriter err = spec.commandLine().getErr();
        String token = pat != null ? pat : System.getenv("SIMULATOR_PAT");
        if (token == null || token.isBlank()) {
            err.println("simulator: give a PAT with --pat or SIMULATOR_PAT");
            err.flush();
            return 2;
        }
        if ((entraTenant == null) != (entraClientId == null)) {
            err.println("simulator: give --entra-tenant and --entra-client-id together");
            err.flush();
            return 2;
        }
        String entraSecret = System.getenv("SIMULATOR_ENTRA_CLIENT_SECRET");
        if (entraTenant != null && (entraSecret == null || entraSecret.isBlank())) {
            err.println("simulator: --entra-tenant needs the app's client secret in SIMULATOR_ENTRA_CLIENT_SECRET");
            err.flush();
            return 2;
        }
        try {
            Optional<SimulatorServer.EntraApp> app = entraTenant == null ? Optional.empty()
                    : Optional.of(new SimulatorServer.EntraApp(entraTenant, entraClientId,
                            entraSecret));
            SimulatorServer.serve(new SimulatorServer.Options(port, organization, project, environment, token,
                    seedVms, rateLimit, seed), leftInPool, app, System.out);
        } catch (IllegalArgumentException e) {
            err.println("simulator: " + e.getMessage());
            err.flush();
            return 2;
        }
        return 0;
    }
}
