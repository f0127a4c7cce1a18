package io.adoec2.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.cli.Main;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Azure DevOps calls per instance lifecycle: {@code simulate --no-reconcile}'s scale-out then
 * scale-in of N instances (the event handlers alone; the reconciler's calls are its own), once
 * with the original SNS notifications and once with lifecycle hooks, for seeds 1..runs, under the
 * simulator's pessimistic deletion model (the default) and again under the optimistic one. The counts
 * follow simulated time, so a seed always gives the same figure and the runs differ by seed only;
 * the simulations run in JVMs of their own at low priority, beside the wall-clock measurements.
 */
final class CallsPerLifecycle {
    /**
     * The two ways events arrive, each with its target: a little above its floor under the pessimistic deletion
     * model (2 on SNS: Vmresource_Delete and Agents_Delete; 3 with hooks: Agents_Update before the job check too).
     */
    enum Path {
        SNS("sns", "SNS notifications", 2.2), HOOKS("hooks", "lifecycle hooks", 3.3);

        private final String id;
        private final String title;
        private final double target;

        Path(String id, String title, double target) {
            this.id = id;
            this.title = title;
            this.target = target;
        }

        String id() {
            return id;
        }

        String title() {
            return title;
        }

        double target() {
            return target;
        }
    }

    /** What one simulation reported: the instances it launched, the handlers' calls by operation. */
    record Simulation(int instances, Map<String, Long> byOperation, boolean invariantsHeld) {
        static Simulation from(JsonNode report) {
            Map<String, Long> calls = new TreeMap<>();
            report.at("/adoCalls/byOperation").properties()
                    .forEach(operation -> calls.put(operation.getKey(), operation.getValue().asLong()));
            return new Simulation(report.get("instances").asInt(), calls, report.get("invariantsHeld").asBoolean());
        }

        double perLifecycle() {
            return (double) byOperation.values().stream().mapToLong(Long::longValue).sum() / instances;
        }
    }

    /** The runs of one way of delivering events. */
    record Mode(String name, List<Simulation> runs) {
        Figure perLifecycle() {
            return Figure.of(runs, Simulation::perLifecycle);
        }

        /** Calls per lifecycle of each operation. */
        Map<String, Figure> byOperation() {
            TreeSet<String> operations = new TreeSet<>();
            runs.forEach(run -> operations.addAll(run.byOperation().keySet()));
            Map<String, Figure> figures = new TreeMap<>();
            for (String operation : operations) {
                figures.put(operation, Figure.of(runs, run ->
                        (double) run.byOperation().getOrDefault(operation, 0L) / run.instances()));
            }
            return figures;
        }

        boolean invariantsHeld() {
            return runs.stream().allMatch(Simulation::invariantsHeld);
        }
    }

    /** {@code sns} and {@code hooks} under the pessimistic deletion model, the others under the optimistic one. */
    record Result(int instances, Mode sns, Mode hooks, Mode snsOptimistic, Mode hooksOptimistic) {}

    /** The simulations under way: one lane per mode, each running its seeds one after the other. */
    static final class Running {
        private final int instances;
        private final ExecutorService lanes;
        private final Future<List<Simulation>> sns;
        private final Future<List<Simulation>> hooks;
        private final Future<List<Simulation>> snsOptimistic;
        private final Future<List<Simulation>> hooksOptimistic;

        private Running(int instances, int runs, Consumer<String> progress) {
            this.instances = instances;
            this.lanes = Executors.newFixedThreadPool(4);
            this.sns = lanes.submit(() -> lane(instances, runs, false, "pessimistic", progress));
            this.hooks = lanes.submit(() -> lane(instances, runs, true, "pessimistic", progress));
            this.snsOptimistic = lanes.submit(() -> lane(instances, runs, false, "optimistic", progress));
            this.hooksOptimistic = lanes.submit(() -> lane(instances, runs, true, "optimistic", progress));
        }

        Result await() throws Exception {
            try {
                return new Result(instances, new Mode("SNS notifications", sns.get()),
                        new Mode("lifecycle hooks", hooks.get()),
                        new Mode("SNS notifications, optimistic deletion", snsOptimistic.get()),
                        new Mode("lifecycle hooks, optimistic deletion", hooksOptimistic.get()));
            } finally {
                lanes.shutdownNow();
            }
        }
    }

    private CallsPerLifecycle() {}

    static Running start(int instances, int runs, Consumer<String> progress) {
        return new Running(instances, runs, progress);
    }

    private static List<Simulation> lane(int instances, int runs, boolean hooks, String deletionModel,
                                         Consumer<String> progress) throws Exception {
        List<Simulation> simulations = new ArrayList<>();
        for (int seed = 1; seed <= runs; seed++) {
            List<String> arguments = new ArrayList<>(List.of("simulate", "--instances", Integer.toString(instances),
                    "--seed", Integer.toString(seed), "--no-reconcile", "--deletion-model", deletionModel, "--json"));
            if (hooks) {
                arguments.add("--lifecycle-hooks");
            }
            simulations.add(Simulation.from(ForkedJvm.lowPriority().run(Main.class, arguments)));
            progress.accept("calls per lifecycle: " + (hooks ? "lifecycle hooks" : "SNS notifications") + ", "
                    + deletionModel + " deletion, seed "
                    + seed + " of " + runs + " done");
        }
        return simulations;
    }
}
