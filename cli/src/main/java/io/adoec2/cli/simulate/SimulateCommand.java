package io.adoec2.cli.simulate;

import io.adoec2.aws.AwsClients;
import io.adoec2.azuredevops.RequiredScopes;
import io.adoec2.azuredevops.RestClientSettings;
import io.adoec2.azuredevops.simulator.AzureDevOpsSimulator;
import io.adoec2.azuredevops.simulator.DeletionModel;
import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.azuredevops.simulator.SimulatorOptions;
import io.adoec2.cli.OptionValues;
import io.adoec2.handler.AsgNotificationHandler;
import io.adoec2.handler.AuthMode;
import io.adoec2.handler.FunctionConfig;
import io.adoec2.handler.FunctionRuntime;
import io.adoec2.handler.LifecycleQueueHandler;
import io.adoec2.handler.ReconcileHandler;
import io.adoec2.lifecycle.TagContract;
import io.adoec2.observe.EventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The whole system on embedded defaults: simulated Auto Scaling, the real handler, local peers. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run the real handler against a simulated Auto Scaling group, moto's server and the "
                + "Azure DevOps simulator; exit 1 if any invariant breaks.")
public final class SimulateCommand implements Callable<Integer> {
    private static final String ORGANIZATION = "contoso";
    private static final String PROJECT = "Platform";
    private static final String ENVIRONMENT = "production";
    private static final String FUNCTION_IDENTITY = "ado-ec2-lifecycle";
    /** The reconcile function is a function of its own; its own PAT keeps its calls apart in the simulator's log. */
    private static final String RECONCILER_IDENTITY = "ado-ec2-lifecycle-reconciler";
    /** In workload-identity mode the reconciler's role is its own, known to STS by its access key. */
    private static final String RECONCILER_ACCESS_KEY = "simulatereconciler";
    private static final Duration RECONCILE_INTERVAL = Duration.ofMinutes(5);
    /** The group launches (and later terminates) a wave of instances every this many simulated seconds. */
    private static final int WAVE_INTERVAL_SECONDS = 20;
    private static final int SMALLEST_WAVE = 10;
    /** Waves each way of a fleet of more than SMALLEST_WAVE × MOST_WAVES instances: they grow instead. */
    private static final int MOST_WAVES = 100;
    private static final Instant START = Instant.parse("2026-01-01T08:00:00Z");
    /** Only with lifecycle hooks: without them a terminating instance cannot wait for its job. */
    private static final double CHAOS_BUSY_FRACTION = 0.25;
    private static final double CHAOS_REGISTRATION_FAILURE_RATE = 0.05;
    private static final double CHAOS_LOST_EVENT_RATE = 0.03;
    private static final int CHAOS_UNMANAGED = 6;

    @Spec
    CommandSpec spec;

    @Option(names = "--instances", defaultValue = "50", description = "instances to launch and terminate (default ${DEFAULT-VALUE})")
    int instances;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the run; the same seed replays it (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", description = "print one JSON object instead of the readable summary")
    boolean json;

    @Option(names = "--lifecycle-hooks", description = "the group has launch and terminate lifecycle hooks, sending "
            + "EventBridge events through SQS (default: the original SNS notifications)")
    boolean lifecycleHooks;

    @Option(names = "--busy-fraction", paramLabel = "F", description = "share of instances running a deployment "
            + "job (of random length) when scale-in picks them (default 0; " + CHAOS_BUSY_FRACTION
            + " with --chaos and --lifecycle-hooks)")
    Double busyFractionOption;

    @Option(names = "--registration-failure-rate", paramLabel = "R", description = "share of instances whose "
            + "userdata never registers them (default 0; " + CHAOS_REGISTRATION_FAILURE_RATE + " with --chaos)")
    Double registrationFailureRateOption;

    @Option(names = "--lost-event-rate", paramLabel = "R",
            description = "share of launch and terminate notifications (and EC2 state changes) that never arrive, "
                    + "0..1 (default 0; " + CHAOS_LOST_EVENT_RATE + " with --chaos)")
    Double lostEventRateOption;

    @Option(names = "--unmanaged", paramLabel = "N",
            description = "VM resources registered by hand in the same environment, some named like instance ids; "
                    + "none may be deleted (default 0; " + CHAOS_UNMANAGED + " with --chaos)")
    Integer unmanagedOption;

    @Option(names = "--chaos", description = "every fault at once, deterministically from the seed: Azure DevOps 5xx, "
            + "429 bursts, latency spikes and dropped connections; DynamoDB throttling and write races; duplicate "
            + "and reordered events; invocations dying half way; tags gone at termination; agents going offline "
            + "and back; and, unless given, busy agents, failed registrations, lost events and hand-made resources")
    boolean chaos;

    @Option(names = "--deletion-model", paramLabel = "MODEL", defaultValue = "pessimistic",
            description = "what Azure DevOps leaves when half a VM is deleted: pessimistic (default: deleting a VM "
                    + "resource leaves its pool agent, deleting the agent leaves the VM resource) or optimistic (each "
                    + "takes the other with it)")
    String deletionModelOption;

    @Option(names = "--omit-agent-status", description = "list VM resources with agents that carry no status, so "
            + "the functions must settle it through the pool's agent listing")
    boolean omitAgentStatus;

    @Option(names = "--reconcile", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "run the reconcile function on its schedule beside the event handlers (default); "
                    + "--no-reconcile runs the event handlers alone")
    boolean reconcile;

    @Option(names = "--auth", paramLabel = "MODE", defaultValue = "pat",
            description = "how the functions authenticate to Azure DevOps: pat (a PAT in SSM), service-principal "
                    + "(an Entra app's client secret in SSM, through the Entra stand-in) or workload-identity (the "
                    + "function role's STS token exchanged at the Entra stand-in; nothing stored) "
                    + "(default ${DEFAULT-VALUE})")
    String authOption;

    @Option(names = "--report", paramLabel = "FILE.html", description = "also write the run as one self-contained "
            + "web page: its timeline over simulated time and the summary")
    Path reportFile;

    /** Samples the run for --report; null without it. */
    private RunRecorder recorder;

    /** The options' values once --chaos has filled in those not given. */
    private double busyFraction;
    private double registrationFailureRate;
    private double lostEventRate;
    private int unmanaged;
    private DeletionModel deletionModel;

    @Override
    public Integer call() throws Exception {
        busyFraction = orChaos(busyFractionOption, lifecycleHooks ? CHAOS_BUSY_FRACTION : 0);
        registrationFailureRate = orChaos(registrationFailureRateOption, CHAOS_REGISTRATION_FAILURE_RATE);
        lostEventRate = orChaos(lostEventRateOption, CHAOS_LOST_EVENT_RATE);
        unmanaged = unmanagedOption != null ? unmanagedOption : chaos ? CHAOS_UNMANAGED : 0;
        OptionValues.atLeast(spec, "--instances", instances, 1);
        OptionValues.atLeast(spec, "--unmanaged", unmanaged, 0);
        OptionValues.share(spec, "--busy-fraction", busyFraction);
        OptionValues.share(spec, "--registration-failure-rate", registrationFailureRate);
        OptionValues.share(spec, "--lost-event-rate", lostEventRate);
        deletionModel = OptionValues.oneOf(spec, "--deletion-model", deletionModelOption, DeletionModel.class);
        AuthMode auth = AuthMode.parse(authOption).orElseThrow(() -> OptionValues.invalid(spec, "--auth", authOption,
                AuthMode.choices()));
        if (reportFile != null && !writableFile(reportFile)) {
            throw OptionValues.invalid(spec, "--report", reportFile, "a file whose directory exists and can be written");
        }
        long started = System.nanoTime();
        VirtualClock clock = new VirtualClock(START);
        Chaos faults = new Chaos(chaos ? ChaosSettings.standard() : ChaosSettings.NONE, seed);
        // Simulated time throughout: the simulator's clock and its slow answers, the clients' waits.
        SimulatorOptions simulatorOptions = SimulatorOptions.defaults().withSeed(seed).withClock(clock)
                .withPause(latency -> {
                    clock.pass(latency);
                    faults.injected(FaultKind.ADO_LATENCY_SPIKE);
                });
        try (AzureDevOpsSimulator simulator = AzureDevOpsSimulator.start(simulatorOptions);
             FunctionCredentials credentials = FunctionCredentials.start(auth, clock)) {
            simulator.deletionModel(deletionModel);
            simulator.omitAgentStatus(omitAgentStatus);
            Invocations invocations = new Invocations(faults, simulator.calls()::total, clock);
            try (LocalCloud cloud = LocalCloud.start(seed, faults, invocations)) {
                long setupMs = (System.nanoTime() - started) / 1_000_000;
                FunctionLog log = new FunctionLog();
                Report report = run(simulator, cloud, credentials, invocations, faults, clock, log, setupMs);
                System.out.println(json ? report.toJson() : report.toText());
                if (recorder != null) {
                    Files.writeString(reportFile, HtmlReport.render(report, recorder.samples(),
                            recorder.reconcilePasses()));
                    if (!json) {
                        System.out.println("Report written to " + reportFile);
                    }
                }
                if (!json && log.errors() > 0) {
                    System.err.println(log.errors() + " handler error line(s); first: " + log.firstError());
                }
                return report.invariantsHeld() ? 0 : 1;
            }
        }
    }

    private Report run(AzureDevOpsSimulator simulator, LocalCloud cloud, FunctionCredentials credentials,
                       Invocations invocations, Chaos faults, VirtualClock clock, FunctionLog log, long setupMs) {
        long started = System.nanoTime();
        Timeline timeline = new Timeline(clock);
        Duration heartbeatTimeout = Duration.ofMinutes(5);
        SimEnvironment environment = simulator.organization(ORGANIZATION).project(PROJECT).environment(ENVIRONMENT);
        String organizationUrl = simulator.organizationUrl(ORGANIZATION).toString();

        Map<String, String> functionEnvironment = new HashMap<>(Map.of(FunctionConfig.TABLE_NAME, LocalCloud.TABLE,
                FunctionConfig.ADO_ORGANIZATION_URL, organizationUrl));
        functionEnvironment.putAll(credentials.provide("lifecycle-queue", FUNCTION_IDENTITY, simulator, ORGANIZATION,
                cloud, LocalCloud.ACCESS_KEY, RequiredScopes.FUNCTIONS));
        functionEnvironment.put(FunctionConfig.HOOK_HEARTBEAT_TIMEOUT_SECONDS,
                Long.toString(heartbeatTimeout.toSeconds()));
        FunctionConfig config = FunctionConfig.fromEnvironment(functionEnvironment);
        Map<String, String> groupTags = Map.of(TagContract.PROJECT, PROJECT, TagContract.ENVIRONMENT, ENVIRONMENT,
                TagContract.RESOURCE_TAGS, "linux, web", "Name", "ado-agent");
        Ec2Fleet fleet = new Ec2Fleet(cloud.ec2(), groupTags);
        SimulatedGroup group = new SimulatedGroup(Scenario.GROUP, lifecycleHooks, heartbeatTimeout, fleet, timeline,
                clock, seed, invocations);
        SimulatedQueue queue = new SimulatedQueue(timeline, invocations);
        // Two functions of the deployment: one for the SNS notifications, one for the lifecycle queue.
        IntFunction<FunctionRuntime> eventFunction = n -> FunctionRuntime.create(config, cloud.functionClients(),
                group, queue, clock, new EventLog(log::accept, clock), azureDevOpsClient(clock, seed ^ 0xc11e7L, n));
        Deliveries deliveries = new Deliveries(
                new ExecutionEnvironments(eventFunction, clock).handler(AsgNotificationHandler::new),
                new ExecutionEnvironments(eventFunction, clock).handler(LifecycleQueueHandler::new),
                timeline, faults, invocations, seed);
        queue.deliveries(deliveries);

        ScenarioSettings settings = new ScenarioSettings(seed, instances, waveSize(instances), WAVE_INTERVAL_SECONDS,
                40, 120, 300, 60, 1200,
                lifecycleHooks, busyFraction, registrationFailureRate, heartbeatTimeout,
                TagContract.resourceTags("linux, web"), FUNCTION_IDENTITY);
        ProgressBar progress = new ProgressBar(ProgressLine.standardError(), !json, instances);
        DeletionAudit audit = new DeletionAudit(simulator);
        Scenario scenario = new Scenario(settings, group, simulator, environment, deliveries,
                new SnsNotifications(cloud.region()), new EventBridgeEvents(cloud.region()), cloud.records(),
                timeline, progress, new NotificationLoss(lostEventRate, seed), audit,
                new InstanceMishaps(faults, group, fleet, environment, timeline));
        deliveries.afterEach(scenario::checkDeletions);

        // As a deployment names the environments it serves: even with every launch lost, they are managed.
        Map<String, String> reconcilerEnvironment = new HashMap<>(Map.of(FunctionConfig.TABLE_NAME, LocalCloud.TABLE,
                FunctionConfig.ADO_ORGANIZATION_URL, organizationUrl));
        reconcilerEnvironment.putAll(credentials.provide("reconciler", RECONCILER_IDENTITY, simulator, ORGANIZATION,
                cloud, RECONCILER_ACCESS_KEY, RequiredScopes.FUNCTIONS));
        // Its own role only where the role is its identity (workload identity): elsewhere the same clients as before.
        AwsClients reconcilerClients = credentials.mode() == AuthMode.WORKLOAD_IDENTITY
                ? cloud.functionClientsAs(RECONCILER_ACCESS_KEY) : cloud.functionClients();
        reconcilerEnvironment.put(FunctionConfig.RECONCILE_ENVIRONMENTS,
                organizationUrl + "/" + PROJECT + "/" + ENVIRONMENT);
        FunctionConfig reconcilerConfig = FunctionConfig.fromEnvironment(reconcilerEnvironment);
        ExecutionEnvironments reconcileFunction = new ExecutionEnvironments(n -> FunctionRuntime.create(
                reconcilerConfig, reconcilerClients, group, queue, clock, new EventLog(log::accept, clock),
                azureDevOpsClient(clock, seed ^ 0x5c4edL, n)), clock);
        recorder = reportFile == null ? null
                : new RunRecorder(timeline, START, group, environment, faults.tally(), scenario::finished);
        Runnable afterPass = recorder == null ? scenario::checkDeletions : () -> {
            scenario.checkDeletions();
            recorder.reconcilePassed();
        };
        ReconcileSchedule schedule = new ReconcileSchedule(reconcileFunction.handler(ReconcileHandler::new), timeline,
                clock, RECONCILE_INTERVAL, tailPasses(reconcilerConfig), afterPass, simulator,
                RECONCILER_IDENTITY, seed, invocations);
        UnmanagedResources handMade = new UnmanagedResources(unmanaged, environment,
                new Ec2Fleet(cloud.ec2(), Map.of("Name", "other-team-worker", "team", "data")), audit, seed);
        handMade.seed(timeline, 120);
        AzureDevOpsChaos azureDevOpsChaos = new AzureDevOpsChaos(simulator, timeline, faults,
                () -> !scenario.finished());
        azureDevOpsChaos.start();
        if (reconcile) {
            schedule.start();
        }
        if (recorder != null) {
            recorder.start();
        }
        scenario.run();

        azureDevOpsChaos.count(faults.tally());
        return scenario.report(setupMs, (System.nanoTime() - started) / 1_000_000,
                clock.elapsedSince(START).toSeconds(), handMade.count(), schedule.runs(), chaos, deletionModel,
                faults.tally(), credentials.summary());
    }

    /**
     * Instances a wave launches: 10, or for more than 1,000 instances as many as makes 100 waves. A group
     * whose desired capacity jumps by thousands launches them by the hundred, not ten every 20 s (which
     * would take 5.5 simulated hours each way for 10,000); and the run's simulated span, hence the number
     * of reconcile passes over the whole fleet, stops growing with the fleet, so its cost grows with the
     * fleet, not its square. Runs of up to 1,000 instances (the benchmark's calls per lifecycle among
     * them) are the waves they always were.
     */
    static int waveSize(int instances) {
        return Math.max(SMALLEST_WAVE, (instances + MOST_WAVES - 1) / MOST_WAVES);
    }

    /** The Azure DevOps client of a function's n-th environment: waiting in simulated time, jitter from the seed. */
    private static RestClientSettings azureDevOpsClient(VirtualClock clock, long seed, int environment) {
        Random jitter = new Random(seed + environment);
        return RestClientSettings.defaults().withClock(clock).withSleeper(clock::pass).withJitter(jitter::nextDouble);
    }

    private static boolean writableFile(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        return directory != null && Files.isDirectory(directory) && Files.isWritable(directory)
                && !Files.isDirectory(file);
    }

    private double orChaos(Double given, double chaosDefault) {
        return given != null ? given : chaos ? chaosDefault : 0;
    }

    /**
     * Passes after everything else has happened: enough for an instance adopted while still
     * booting to leave its boot grace, then be seen gone twice.
     */
    private static int tailPasses(FunctionConfig config) {
        Duration needed = config.reconcile().bootGrace().plus(config.reconcile().confirmAfter());
        return (int) ((needed.toSeconds() + RECONCILE_INTERVAL.toSeconds() - 1) / RECONCILE_INTERVAL.toSeconds()) + 1;
    }

    /** Keeps the handler's log lines out of the summary, remembering the errors among them. */
    static final class FunctionLog {
        private int errors;
        private String firstError = "";

        void accept(String line) {
            if (line.contains("\"level\":\"ERROR\"")) {
                if (errors++ == 0) {
                    firstError = line;
                }
            }
        }

        int errors() {
            return errors;
        }

        String firstError() {
            return firstError;
        }
    }
}
