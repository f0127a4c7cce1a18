package io.adoec2.cli.simulate;

import io.adoec2.azuredevops.simulator.AzureDevOpsSimulator;
import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.azuredevops.simulator.SimulatorOptions;
import io.adoec2.handler.AsgNotificationHandler;
import io.adoec2.handler.FunctionConfig;
import io.adoec2.handler.FunctionRuntime;
import io.adoec2.handler.LifecycleQueueHandler;
import io.adoec2.handler.ReconcileHandler;
import io.adoec2.lifecycle.TagContract;
import io.adoec2.observe.EventLog;
import java.time.Duration;
import java.util.HashMap;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
    private static final String RECONCILER_PAT_PARAMETER = "/ado-ec2-lifecycle/simulate/reconciler-pat";
    private static final Duration RECONCILE_INTERVAL = Duration.ofMinutes(5);

    @Option(names = "--instances", defaultValue = "50", description = "instances to launch and terminate (default ${DEFAULT-VALUE})")
    int instances;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the run; the same seed replays it (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", description = "print one JSON object instead of the readable summary")
    boolean json;

    @Option(names = "--lifecycle-hooks", description = "the group has launch and terminate lifecycle hooks, sending "
            + "EventBridge events through SQS (default: the original SNS notifications)")
    boolean lifecycleHooks;

    @Option(names = "--busy-fraction", defaultValue = "0", description = "share of instances running a deployment "
            + "job (of random length) when scale-in picks them (default ${DEFAULT-VALUE})")
    double busyFraction;

    @Option(names = "--registration-failure-rate", defaultValue = "0", description = "share of instances whose "
            + "userdata never registers them (default ${DEFAULT-VALUE})")
    double registrationFailureRate;

    @Option(names = "--lost-event-rate", defaultValue = "0", paramLabel = "R",
            description = "share of launch and terminate notifications (and EC2 state changes) that never arrive, "
                    + "0..1 (default ${DEFAULT-VALUE})")
    double lostEventRate;

    @Option(names = "--unmanaged", defaultValue = "0", paramLabel = "N",
            description = "VM resources registered by hand in the same environment, some named like instance ids; "
                    + "none may be deleted (default ${DEFAULT-VALUE})")
    int unmanaged;

    @Option(names = "--reconcile", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "run the reconcile function on its schedule beside the event handlers (default); "
                    + "--no-reconcile runs the event handlers alone")
    boolean reconcile;

    @Override
    public Integer call() throws Exception {
        if (instances < 1 || unmanaged < 0 || !fraction(busyFraction) || !fraction(registrationFailureRate)
                || !fraction(lostEventRate)) {
            System.err.println("simulate: --instances must be at least 1 and --unmanaged not negative; "
                    + "--busy-fraction, --registration-failure-rate and --lost-event-rate must be between 0 and 1");
            return 2;
        }
        long started = System.nanoTime();
        Instant start = Instant.parse("2026-01-01T08:00:00Z");
        VirtualClock clock = new VirtualClock(start);
        Timeline timeline = new Timeline(clock);
        Duration heartbeatTimeout = Duration.ofMinutes(5);
        try (LocalCloud cloud = LocalCloud.start();
             AzureDevOpsSimulator simulator = AzureDevOpsSimulator.start(SimulatorOptions.defaults().withSeed(seed))) {
            String pat = cloud.newPat();
            simulator.organization(ORGANIZATION).addPat(pat, FUNCTION_IDENTITY);
            SimEnvironment environment = simulator.organization(ORGANIZATION).project(PROJECT).environment(ENVIRONMENT);
            String organizationUrl = simulator.organizationUrl(ORGANIZATION).toString();

            Map<String, String> functionEnvironment = new HashMap<>(cloud.functionEnvironment(organizationUrl));
            functionEnvironment.put(FunctionConfig.HOOK_HEARTBEAT_TIMEOUT_SECONDS,
                    Long.toString(heartbeatTimeout.toSeconds()));
            FunctionConfig config = FunctionConfig.fromEnvironment(functionEnvironment);
            Map<String, String> groupTags = Map.of(TagContract.PROJECT, PROJECT, TagContract.ENVIRONMENT, ENVIRONMENT,
                    TagContract.RESOURCE_TAGS, "linux, web", "Name", "ado-agent");
            SimulatedGroup group = new SimulatedGroup(Scenario.GROUP, lifecycleHooks, heartbeatTimeout,
                    new Ec2Fleet(cloud.ec2(), groupTags), timeline, clock, seed);
            SimulatedQueue queue = new SimulatedQueue(timeline);
            FunctionLog log = new FunctionLog();
            FunctionRuntime runtime = FunctionRuntime.create(config, cloud.functionClients(), group, queue, clock,
                    new EventLog(log::accept, clock));
            Deliveries deliveries = new Deliveries(new AsgNotificationHandler(runtime),
                    new LifecycleQueueHandler(runtime), timeline, seed);
            queue.deliveries(deliveries);

            ScenarioSettings settings = new ScenarioSettings(seed, instances, 10, 20, 40, 120, 300, 60, 1200,
                    lifecycleHooks, busyFraction, registrationFailureRate, heartbeatTimeout,
                    TagContract.resourceTags("linux, web"), FUNCTION_IDENTITY);
            ProgressBar progress = new ProgressBar(System.err, System.console() != null && !json, instances);
            DeletionAudit audit = new DeletionAudit(simulator);
            Scenario scenario = new Scenario(settings, group, simulator, environment, deliveries,
                    new SnsNotifications(cloud.region()), new EventBridgeEvents(cloud.region()), runtime.store(),
                    timeline, progress, new NotificationLoss(lostEventRate, seed), audit);
            deliveries.afterEach(scenario::checkDeletions);

            simulator.organization(ORGANIZATION).addPat(cloud.newPat(RECONCILER_PAT_PARAMETER), RECONCILER_IDENTITY);
            // As a deployment names the environments it serves: even with every launch lost, they are managed.
            Map<String, String> reconcilerEnvironment = new HashMap<>(
                    cloud.functionEnvironment(organizationUrl, RECONCILER_PAT_PARAMETER));
            reconcilerEnvironment.put(FunctionConfig.RECONCILE_ENVIRONMENTS,
                    organizationUrl + "/" + PROJECT + "/" + ENVIRONMENT);
            FunctionConfig reconcilerConfig = FunctionConfig.fromEnvironment(reconcilerEnvironment);
            FunctionRuntime reconcilerRuntime = FunctionRuntime.create(reconcilerConfig, cloud.functionClients(),
                    group, queue, clock, new EventLog(log::accept, clock));
            ReconcileSchedule schedule = new ReconcileSchedule(new ReconcileHandler(reconcilerRuntime), timeline, clock,
                    RECONCILE_INTERVAL, tailPasses(reconcilerConfig), scenario::checkDeletions, simulator,
                    RECONCILER_IDENTITY, seed);
            UnmanagedResources handMade = new UnmanagedResources(unmanaged, environment,
                    new Ec2Fleet(cloud.ec2(), Map.of("Name", "other-team-worker", "team", "data")), audit, seed);
            handMade.seed(timeline, 120);
            if (reconcile) {
                schedule.start();
            }
            scenario.run();

            Report report = scenario.report((System.nanoTime() - started) / 1_000_000,
                    clock.elapsedSince(start).toSeconds(), handMade.count(), schedule.runs());
            System.out.println(json ? report.toJson() : report.toText());
            if (!json && log.errors() > 0) {
                System.err.println(log.errors() + " handler error line(s); first: " + log.firstError());
            }
            return report.invariantsHeld() ? 0 : 1;
        }
    }

    private static boolean fraction(double value) {
        return value >= 0 && value <= 1;
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
