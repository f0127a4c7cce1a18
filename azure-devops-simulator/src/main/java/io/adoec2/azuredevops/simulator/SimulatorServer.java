package io.adoec2.azuredevops.simulator;

import io.adoec2.azuredevops.simulator.entra.EntraSimulator;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** The simulator as a standalone server: seeds one organization, project, environment and PAT, then serves. */
public final class SimulatorServer {

    /**
     * @param port          TCP port on 127.0.0.1, 0 for any free one
     * @param pat           accepted as HTTP Basic password; never printed
     * @param seedVms       VM resources to register up front, named like EC2 instance ids
     * @param ratePerMinute per-identity requests a minute, averaged over the sliding five-minute window, before
     *                      requests are delayed and then refused (see {@link RateLimit}); 0 for none
     * @param seed          makes ids, GUIDs and seeded names repeatable
     */
    public record Options(int port, String organization, String project, String environment, String pat,
            int seedVms, int ratePerMinute, long seed) {

        public Options {
            SimOrganization.requireName(organization, "organization");
            SimOrganization.requireName(project, "project");
            SimOrganization.requireName(environment, "environment");
            if (pat == null || pat.isBlank()) {
                throw new IllegalArgumentException("pat must not be blank");
            }
            if (seedVms < 0) {
                throw new IllegalArgumentException("seedVms must not be negative, was " + seedVms);
            }
            if (ratePerMinute < 0) {
                throw new IllegalArgumentException("ratePerMinute must not be negative (0 = no limit), was "
                        + ratePerMinute);
            }
        }

        @Override
        public String toString() {
            return "Options[port=" + port + ", organization=" + organization + ", project=" + project
                    + ", environment=" + environment + ", pat=***, seedVms=" + seedVms + ", ratePerMinute="
                    + ratePerMinute + ", seed=" + seed + "]";
        }
    }

    /**
     * An Entra app (service principal) the organization knows, with a client secret, as the agent's
     * {@code --auth SP} registers with: served by an Entra stand-in beside the simulator.
     *
     * @param clientSecret accepted at the Entra stand-in's token endpoint; never printed
     */
    public record EntraApp(String tenantId, String clientId, String clientSecret) {

        public EntraApp {
            for (String[] value : new String[][] {{tenantId, "tenantId"}, {clientId, "clientId"},
                    {clientSecret, "clientSecret"}}) {
                if (value[0] == null || value[0].isBlank()) {
                    throw new IllegalArgumentException(value[1] + " must not be blank");
                }
            }
        }

        @Override
        public String toString() {
            return "EntraApp[tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret=***]";
        }
    }

    private SimulatorServer() {
    }

    /**
     * Starts an Entra stand-in that knows {@code app} and its secret, and makes the app an identity of
     * {@code organization} (with full access, as the PAT's user) whose access tokens the simulator
     * accepts. The caller closes the stand-in.
     */
    public static EntraSimulator trust(AzureDevOpsSimulator simulator, String organization, EntraApp app) {
        EntraSimulator entra = EntraSimulator.start(Clock.systemUTC());
        entra.servicePrincipal(app.tenantId(), app.clientId()).addClientSecret(app.clientSecret());
        simulator.trust(entra);
        simulator.organization(organization).addServicePrincipal(app.tenantId(), app.clientId(), "Registration App");
        return entra;
    }

    /** Starts and seeds a simulator; the caller closes it. */
    public static AzureDevOpsSimulator start(Options options) {
        return start(options, List.of());
    }

    /**
     * As {@link #start(Options)}, with pool agents of these names and no VM resource: what deleting a
     * VM resource in the web UI leaves behind (microsoft/azure-pipelines-agent issues 5174, 5299).
     */
    public static AzureDevOpsSimulator start(Options options, List<String> agentsLeftInPool) {
        Objects.requireNonNull(options, "options");
        AzureDevOpsSimulator simulator = AzureDevOpsSimulator.start(
                SimulatorOptions.defaults().withPort(options.port()).withSeed(options.seed()));
        SimOrganization organization = simulator.organization(options.organization());
        organization.addPat(options.pat(), "Simulator User");
        SimEnvironment environment = organization.project(options.project()).environment(options.environment());
        for (String name : instanceIds(options.seedVms(), options.seed())) {
            environment.registerVm(name, List.of());
        }
        for (String name : agentsLeftInPool) {
            environment.deleteVmResourceLikeTheUi(environment.registerVm(name, List.of()).resourceId());
        }
        if (options.ratePerMinute() > 0) {
            simulator.rateLimit(new RateLimit(options.ratePerMinute()));
        }
        return simulator;
    }

    /** Starts, prints the organization URL, and serves until the process is stopped. */
    public static void serve(Options options, PrintStream out) throws InterruptedException {
        serve(options, List.of(), out);
    }

    /** As {@link #serve(Options, PrintStream)}, seeded with agents left in the pool. */
    public static void serve(Options options, List<String> agentsLeftInPool, PrintStream out)
            throws InterruptedException {
        serve(options, agentsLeftInPool, Optional.empty(), out);
    }

    /** As {@link #serve(Options, List, PrintStream)}, with an Entra stand-in for this app when given. */
    public static void serve(Options options, List<String> agentsLeftInPool, Optional<EntraApp> app,
            PrintStream out) throws InterruptedException {
        AzureDevOpsSimulator simulator = start(options, agentsLeftInPool);
        Optional<EntraSimulator> entra = app.map(a -> trust(simulator, options.organization(), a));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            entra.ifPresent(EntraSimulator::close);
            simulator.close();
            stopped.countDown();
        }, "ado-simulator-shutdown"));
        entra.ifPresent(e -> out.println("Entra stand-in serving " + e.authority() + " (tenant "
                + app.orElseThrow().tenantId() + ", app " + app.orElseThrow().clientId() + ")"));
        out.println("Azure DevOps simulator serving " + simulator.organizationUrl(options.organization())
                + " (project " + options.project() + ", environment " + options.environment() + ", "
                + options.seedVms() + " VM resources" + (options.ratePerMinute() > 0
                        ? ", " + options.ratePerMinute() + " requests/minute per identity over a 5-minute window, then delays, then 429" : "")
                + ")");
        out.flush();
        Thread printer = new Thread(() -> printCalls(simulator.calls(), out), "ado-simulator-calls");
        printer.setDaemon(true);
        printer.start();
        stopped.await();
    }

    /** One line per call served, in order ("call METHOD operation status identity path"), until stopped. */
    private static void printCalls(CallLog calls, PrintStream out) {
        int printed = 0;
        while (!Thread.currentThread().isInterrupted()) {
            List<Call> all = calls.all();
            for (Call call : all.subList(Math.min(printed, all.size()), all.size())) {
                out.println("call " + call.method() + " " + call.operation() + " " + call.status() + " "
                        + call.identity() + " " + call.path());
            }
            printed = all.size();
            out.flush();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** "i-0" and 16 hex digits, as EC2 names instances; distinct and repeatable for a seed. */
    static List<String> instanceIds(int count, long seed) {
        Random random = new Random(seed);
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < count) {
            names.add("i-0" + HexFormat.of().toHexDigits(random.nextLong()));
        }
        return List.copyOf(names);
    }
}
