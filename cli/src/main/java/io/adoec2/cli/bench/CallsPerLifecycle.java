package io.adoec2.cli.bench;

import io.adoec2.cli.simulate.Report;
import io.adoec2.cli.simulate.SimulateCommand;
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
 * Azure DevOps calls per instance lifecycle: {@code simulate}'s scale-out then scale-in of N
 * instances, the event handlers alone (the reconciler's calls are its own), once with the
 * original SNS notifications and once with lifecycle hooks, for seeds 1..runs. The counts follow
 * simulated time, so a seed always gives the same figure: the runs differ by seed only.
 */
final class CallsPerLifecycle {
    static final double TARGET = 1.2;

    /** The runs of one way of delivering events. */
    record Mode(String name, List<Report> runs) {
        Figure perLifecycle() {
            return Figure.of(runs, Report::adoCallsPerLifecycle);
        }

        /** Calls per lifecycle of each operation. */
        Map<String, Figure> byOperation() {
            TreeSet<String> operations = new TreeSet<>();
            runs.forEach(run -> operations.addAll(run.adoCallsByOperation().keySet()));
            Map<String, Figure> figures = new TreeMap<>();
            for (String operation : operations) {
                figures.put(operation, Figure.of(runs, run ->
                        (double) run.adoCallsByOperation().getOrDefault(operation, 0L) / run.instances()));
            }
            return figures;
        }

        boolean invariantsHeld() {
            return runs.stream().allMatch(Report::invariantsHeld);
        }
    }

    record Result(int instances, Mode sns, Mode hooks) {}

    private CallsPerLifecycle() {}

    /** The two modes of each seed run side by side, each with its own moto server and simulator. */
    static Result measure(int instances, int runs, Consumer<String> progress) throws Exception {
        List<Report> sns = new ArrayList<>();
        List<Report> hooks = new ArrayList<>();
        try (ExecutorService pair = Executors.newFixedThreadPool(2)) {
            for (int seed = 1; seed <= runs; seed++) {
                progress.accept("calls per lifecycle: " + instances + " instances, seed " + seed + " of " + runs
                        + ", SNS notifications and lifecycle hooks");
                long thisSeed = seed;
                Future<Report> withSns = pair.submit(() ->
                        SimulateCommand.handlersOnly(instances, thisSeed, false).simulate(false));
                Future<Report> withHooks = pair.submit(() ->
                        SimulateCommand.handlersOnly(instances, thisSeed, true).simulate(false));
                sns.add(withSns.get());
                hooks.add(withHooks.get());
            }
        }
        return new Result(instances, new Mode("SNS notifications", sns), new Mode("lifecycle hooks", hooks));
    }
}
