package io.adoec2.cli.bench;

import io.adoec2.azuredevops.EnvironmentRef;
import io.adoec2.azuredevops.ProjectRef;
import io.adoec2.azuredevops.simulator.AzureDevOpsSimulator;
import io.adoec2.azuredevops.simulator.Call;
import io.adoec2.azuredevops.simulator.RateLimit;
import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.azuredevops.simulator.SimProject;
import io.adoec2.azuredevops.simulator.SimulatorOptions;
import io.adoec2.cli.simulate.LocalCloud;
import io.adoec2.cli.simulate.SnsNotifications;
import io.adoec2.handler.AsgNotificationHandler;
import io.adoec2.handler.FunctionConfig;
import io.adoec2.handler.FunctionRuntime;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.OrganizationUrl;
import io.adoec2.lifecycle.RegistrationStore;
import io.adoec2.lifecycle.ResolvedEnvironment;
import io.adoec2.observe.EventLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A scale-in of N instances at once, under a rate limit on the function's Azure DevOps identity:
 * every termination notification is queued at the same moment and the SNS function's containers
 * take them as Lambda hands out asynchronous invocations, each container one at a time with its
 * own Azure DevOps client (and so its own pacing), all of them behind the one identity, in real
 * time. Each instance was launched through the SNS path: its record names its environment but not
 * its VM resource.
 *
 * <p>The floor is the earliest the last call can go through for a client that does what Microsoft asks: the
 * simulator counts each identity's calls over a sliding five-minute window (as Azure DevOps documents), and past the
 * limit answers late with a Retry-After that says when usage is under the limit again ("wait the specified time
 * before sending another request", also on a delayed 200). Such a client gets the limit's worth through in each
 * window, plus at most one delayed call per container (the one under way when the threshold was crossed); each
 * further that many come five minutes after those. Calls over rate, the simpler floor, is reported beside it.
 */
final class TerminationBurst {
    static final double TARGET = 1.2;

    private static final String ORGANIZATION = "contoso";
    private static final String PROJECT = "Platform";
    private static final String ENVIRONMENT = "production";
    private static final String IDENTITY = "ado-ec2-lifecycle";
    private static final String GROUP = "ado-agents";
    private static final List<String> TAGS = List.of("linux", "web");

    /**
     * @param calls             the function's calls Azure DevOps admitted, delayed or not (429s are not counted
     *                          against the limit)
     * @param rejected          the calls refused with 429
     * @param mostRejections    the most 429s one VM resource's DELETE met before it went through
     * @param failedInvocations invocations that failed (Lambda would retry them a minute later)
     * @param left              VM resources of the terminated instances still there afterwards
     */
    record Run(double wallSeconds, long calls, long rejected, int mostRejections, Map<String, Long> byOperation,
               int failedInvocations, int left, int ratePerMinute, int containers) {

        /** When the sliding window lets the last call through at the earliest, Retry-After honoured. */
        double floorSeconds() {
            int perWindow = new RateLimit(ratePerMinute).limit() + containers;
            return calls <= perWindow ? 0 : Math.floorDiv(calls - 1, perWindow) * (double) RateLimit.WINDOW.toSeconds();
        }

        double callsOverRateSeconds() {
            return calls * 60.0 / ratePerMinute;
        }

        /** Wall time over the floor; empty when the limit never bit. */
        Optional<Double> ratioToFloor() {
            return floorSeconds() == 0 ? Optional.empty() : Optional.of(wallSeconds / floorSeconds());
        }
    }

    record Result(int terminations, int containers, int ratePerMinute, List<Run> runs) {
        /** Wall time over the floor in every run; empty when the limit never bit in one of them. */
        Optional<Figure> ratioToFloor() {
            return runs.stream().allMatch(run -> run.ratioToFloor().isPresent())
                    ? Optional.of(Figure.of(runs, run -> run.ratioToFloor().orElseThrow()))
                    : Optional.empty();
        }
    }

    private TerminationBurst() {}

    static Result measure(int terminations, int containers, int ratePerMinute, int runs,
                          Consumer<String> progress) throws Exception {
        List<Run> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            progress.accept("burst: " + terminations + " terminations at once, " + containers + " containers, "
                    + ratePerMinute + " calls a minute; run " + run + " of " + runs);
            results.add(once(terminations, containers, ratePerMinute, run));
        }
        return new Result(terminations, containers, ratePerMinute, results);
    }

    static Run once(int terminations, int containers, int ratePerMinute, long seed) throws Exception {
        try (LocalCloud cloud = LocalCloud.withoutFaults();
             AzureDevOpsSimulator simulator = AzureDevOpsSimulator.start(SimulatorOptions.defaults().withSeed(seed))) {
            simulator.organization(ORGANIZATION).addPat(cloud.newPat(), IDENTITY);
            SimProject project = simulator.organization(ORGANIZATION).project(PROJECT);
            SimEnvironment environment = project.environment(ENVIRONMENT);
            String organizationUrl = simulator.organizationUrl(ORGANIZATION).toString();
            FunctionConfig config = FunctionConfig.fromEnvironment(cloud.functionEnvironment(organizationUrl));
            EventLog quiet = new EventLog(line -> { }, Clock.systemUTC());
            List<AsgNotificationHandler> handlers = new ArrayList<>();
            for (int i = 0; i < containers; i++) {
                // A container of its own: its own Azure DevOps client, pacing and caches.
                handlers.add(new AsgNotificationHandler(FunctionRuntime.create(config, cloud.functionClients(),
                        Clock.systemUTC(), quiet)));
            }
            RegistrationStore store = FunctionRuntime.create(config, cloud.functionClients(), Clock.systemUTC(), quiet)
                    .store();

            ResolvedEnvironment where = new ResolvedEnvironment(OrganizationUrl.parse(organizationUrl),
                    new ProjectRef(project.id(), project.name()),
                    new EnvironmentRef(project.id(), environment.id(), environment.name()));
            Instant launchedAt = Instant.now().minusSeconds(3600);
            List<String> instanceIds = instanceIds(terminations, new Random(seed));
            for (String instanceId : instanceIds) {
                environment.registerVm(instanceId, TAGS);
                store.create(InstanceRecord.launching(instanceId, Optional.of(GROUP), where, TAGS, Optional.empty(),
                        launchedAt));
            }

            SnsNotifications sns = new SnsNotifications(cloud.region());
            Random messageIds = new Random(seed ^ 0xb0057L);
            Instant terminatedAt = Instant.now();
            Queue<String> notifications = new ConcurrentLinkedQueue<>();
            for (String instanceId : instanceIds) {
                notifications.add(sns.terminate(GROUP, instanceId, terminatedAt,
                        new UUID(messageIds.nextLong(), messageIds.nextLong())));
            }
            simulator.rateLimit(new RateLimit(ratePerMinute));

            AtomicInteger failed = new AtomicInteger();
            long started = System.nanoTime();
            try (ExecutorService lambda = Executors.newFixedThreadPool(containers)) {
                List<Future<?>> running = new ArrayList<>();
                for (AsgNotificationHandler handler : handlers) {
                    running.add(lambda.submit(() -> invokeUntilEmpty(handler, notifications, failed)));
                }
                for (Future<?> container : running) {
                    container.get();
                }
            }
            double wallSeconds = (System.nanoTime() - started) / 1e9;

            Set<String> terminated = new HashSet<>(instanceIds);
            int left = (int) environment.vms().stream().filter(vm -> terminated.contains(vm.name())).count();
            return summary(simulator.calls().all(), wallSeconds, failed.get(), left, ratePerMinute, containers);
        }
    }

    private static void invokeUntilEmpty(AsgNotificationHandler handler, Queue<String> notifications,
                                         AtomicInteger failed) {
        for (String notification = notifications.poll(); notification != null; notification = notifications.poll()) {
            try {
                handler.handleRequest(new ByteArrayInputStream(notification.getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayOutputStream(), null);
            } catch (Exception e) {
                failed.incrementAndGet();
            }
        }
    }

    private static Run summary(List<Call> log, double wallSeconds, int failed, int left, int ratePerMinute,
                               int containers) {
        long admitted = 0;
        long rejected = 0;
        Map<String, Long> byOperation = new HashMap<>();
        Map<String, Integer> rejectionsOfDelete = new HashMap<>();
        for (Call call : log) {
            if (!call.identity().equals(IDENTITY)) {
                continue;
            }
            if (call.status() == 429) {
                rejected++;
                if (call.operation().equals("Vmresource_Delete")) {
                    rejectionsOfDelete.merge(call.path(), 1, Integer::sum);
                }
            } else {
                admitted++;
                byOperation.merge(call.operation(), 1L, Long::sum);
            }
        }
        int most = rejectionsOfDelete.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return new Run(wallSeconds, admitted, rejected, most, byOperation, failed, left, ratePerMinute, containers);
    }

    /** Ids in EC2's long form, as many as asked, the same for the same seed. */
    private static List<String> instanceIds(int count, Random random) {
        Set<String> ids = new HashSet<>();
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < count) {
            byte[] bytes = new byte[9];
            random.nextBytes(bytes);
            String id = "i-" + HexFormat.of().formatHex(bytes).substring(0, 17);
            if (ids.add(id)) {
                ordered.add(id);
            }
        }
        return ordered;
    }
}
