package io.adoec2.cli;

import io.adoec2.azuredevops.simulator.AzureDevOpsSimulator;
import io.adoec2.azuredevops.simulator.RateLimit;
import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.azuredevops.simulator.SimOrganization;
import io.adoec2.azuredevops.simulator.SimulatorOptions;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Serves the Azure DevOps simulator on 127.0.0.1 until stopped. */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = "Serve the Azure DevOps simulator with one organization, project and environment until stopped.")
public final class SimulatorCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8090", description = "port on 127.0.0.1 (0 = any free port; default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--org", defaultValue = "contoso", description = "organization (default ${DEFAULT-VALUE})")
    String organization;

    @Option(names = "--project", defaultValue = "Platform", description = "project (default ${DEFAULT-VALUE})")
    String project;

    @Option(names = "--environment", defaultValue = "production", description = "environment (default ${DEFAULT-VALUE})")
    String environment;

    @Option(names = "--pat", description = "a test PAT the simulator accepts (or set SIMULATOR_PAT, which stays off the "
            + "process list)")
    String pat;

    @Option(names = "--seed-vms", defaultValue = "0", description = "VM resources to register, named like EC2 instance ids")
    int seedVms;

    @Option(names = "--rate-limit", description = "requests per minute per identity before 429 (default: no limit)")
    Integer rateLimit;

    @Option(names = "--seed", defaultValue = "0", description = "seed of ids and fault rolls (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        String token = pat != null ? pat : System.getenv("SIMULATOR_PAT");
        if (token == null || token.isBlank()) {
            System.err.println("simulator: give a PAT with --pat or SIMULATOR_PAT");
            return 2;
        }
        AzureDevOpsSimulator simulator = AzureDevOpsSimulator.start(new SimulatorOptions(port, seed));
        SimOrganization org = simulator.organization(organization);
        org.addPat(token, "simulator-user");
        SimEnvironment env = org.project(project).environment(environment);
        Random random = new Random(seed);
        for (int i = 0; i < seedVms; i++) {
            env.registerVm(instanceId(random), List.of());
        }
        if (rateLimit != null) {
            simulator.rateLimit(new RateLimit(rateLimit));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        System.out.printf("Azure DevOps simulator serving %s (project %s, environment %s id %d, %d VM resources)%n",
                simulator.organizationUrl(organization), project, environment, env.id(), seedVms);
        System.out.flush();
        stopped.await();
        return 0;
    }

    private static String instanceId(Random random) {
        byte[] bytes = new byte[9];
        random.nextBytes(bytes);
        return "i-" + HexFormat.of().formatHex(bytes).substring(0, 17);
    }
}
