package io.adoec2.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** {@code RESULTS.md}: the figures of a benchmark for people, each against its target, with any gap explained. */
final class ResultsMarkdown {
    /** The original system's Python handler, from start to its first LAUNCH handled (TOOLBOX.md's reference). */
    static final double ORIGINAL_FIRST_ANSWER_MS = 288;
    /** A one-class Java SNS handler's init on the same kind of machine (TOOLBOX.md). */
    static final double TRIVIAL_JAVA_INIT_MS = 248;

    private final BenchResults results;
    private final JsonNode coldStart;
    private final JsonNode coldStartSetup;
    private final Optional<String> coldStartMissing;
    private final long totalSeconds;
    private final JsonNode simulateScaling;
    private final Optional<String> levers;
    private final StringBuilder out = new StringBuilder();

    private ResultsMarkdown(BenchResults results, JsonNode document, Optional<String> coldStartMissing,
                            Optional<String> levers) {
        this.results = results;
        this.coldStart = document.path("coldStart");
        this.coldStartSetup = document.path("coldStartSetup");
        this.coldStartMissing = coldStartMissing;
        this.totalSeconds = document.path("benchSeconds").path("total").asLong();
        this.simulateScaling = document.path("simulateScaling");
        this.levers = levers;
    }

    /**
     * @param document         results.json as written: the benchmark's figures and the cold-start measurement's
     * @param coldStartMissing why this run measured no cold start, if it did not
     * @param levers           the hand-kept account of what was changed for speed, before and after
     *                         ({@code LEVERS.md}), appended as it is
     */
    static String render(BenchResults results, JsonNode document, Optional<String> coldStartMissing,
                         Optional<String> levers) {
        return new ResultsMarkdown(results, document, coldStartMissing, levers).document();
    }

    private String document() {
        BenchResults.Machine machine = results.machine();
        line("# Benchmark results");
        line("");
        line("Written by `bin/ado-ec2-lifecycle bench` at " + results.at() + " on " + machine.cores() + " cores, Java "
                + machine.java() + ", load average " + String.format("%.2f", machine.loadAverageAtStart())
                + " at the start and " + String.format("%.2f", machine.loadAverageAtEnd()) + " at the end (wall "
                + "times depend on what else the machine runs), in " + totalSeconds + " s. Each figure is the median of " + results.runs()
                + " run(s), the least and greatest in brackets when they differ. A benchmark reports; it fails "
                + "nothing.");
        line("");
        summary();
        calls();
        burst();
        coldStart();
        jar();
        reconcile();
        simulateScaling();
        notes();
        levers.ifPresent(text -> out.append(text.strip()).append('\n'));
        return out.toString();
    }

    private void summary() {
        CallsPerLifecycle.Mode sns = results.calls().sns();
        CallsPerLifecycle.Mode hooks = results.calls().hooks();
        TerminationBurst.Result burst = results.burst();
        Figure mostRejections = Figure.of(burst.runs(), run -> run.mostRejections());
        ReconcileAtScale.Result reconcile = results.reconcile();
        Figure heap = Figure.of(reconcile.runs(), run -> Math.max(run.first().peakHeapMb(), run.second().peakHeapMb()));
        line("| figure | result | target | met |");
        line("| --- | --- | --- | --- |");
        row("Azure DevOps calls per lifecycle, SNS notifications", sns.perLifecycle().text(2),
                "≤ " + CallsPerLifecycle.TARGET, met(sns.perLifecycle().median() <= CallsPerLifecycle.TARGET));
        row("Azure DevOps calls per lifecycle, lifecycle hooks", hooks.perLifecycle().text(2),
                "≤ " + CallsPerLifecycle.TARGET, met(hooks.perLifecycle().median() <= CallsPerLifecycle.TARGET));
        row("burst of " + burst.terminations() + " terminations: wall time over the floor",
                burst.ratioToFloor().map(ratio -> ratio.text(2)).orElse("limit never reached"),
                "≤ " + TerminationBurst.TARGET,
                burst.ratioToFloor().map(ratio -> met(ratio.median() <= TerminationBurst.TARGET)).orElse("n/a"));
        row("burst: most 429s one request met", mostRejections.text(0), "≤ 1", met(mostRejections.max() <= 1));
        Optional<JsonNode> firstAnswer = firstAnswerWithLambdaDefaults();
        row("cold start: first answer of the SNS function, Lambda's default flags (ms)",
                firstAnswer.map(figure -> text(figure, 0)).orElse("not measured"),
                "≈ the original's " + Math.round(ORIGINAL_FIRST_ANSWER_MS),
                firstAnswer.map(figure -> met(figure.path("median").asDouble() <= ORIGINAL_FIRST_ANSWER_MS))
                        .orElse("n/a"));
        row("Lambda jar", String.format("%.2f MB", results.jar().megabytes()), "≤ " + (int) LambdaJar.TARGET_MEGABYTES
                + " MB", met(results.jar().megabytes() <= LambdaJar.TARGET_MEGABYTES));
        row("reconcile of " + reconcile.resources() + " VM resources: Azure DevOps calls, pass 1 / pass 2",
                Figure.of(reconcile.runs(), run -> run.first().adoCallsTotal()).text(0) + " / "
                        + Figure.of(reconcile.runs(), run -> run.second().adoCallsTotal()).text(0),
                "by pages, not resources", met(pagesOnly(reconcile)));
        row("reconcile: peak heap (MB)", heap.text(0), "≤ " + ReconcileAtScale.MAX_HEAP_MB,
                met(heap.max() <= ReconcileAtScale.MAX_HEAP_MB));
        line("");
    }

    private void calls() {
        CallsPerLifecycle.Result calls = results.calls();
        line("## Azure DevOps calls per lifecycle");
        line("");
        line("`simulate`'s scale-out of " + calls.instances() + " instances then scale-in to zero (waves of 10 every "
                + "20 s, agents registering 40–120 s after launch), the event handlers alone, seeds 1.." + results.runs()
                + ". Calls per launched instance (a replaced instance counts as a lifecycle of its own), by "
                + "operation, under the simulator's pessimistic deletion model (deleting a VM resource leaves its "
                + "agent in the pool; the default) and its optimistic one. Every invariant held in every run: "
                + yes(calls.sns().invariantsHeld() && calls.hooks().invariantsHeld()
                        && calls.snsOptimistic().invariantsHeld() && calls.hooksOptimistic().invariantsHeld()) + ".");
        line("");
        Map<String, Figure> sns = calls.sns().byOperation();
        Map<String, Figure> hooks = calls.hooks().byOperation();
        Map<String, Figure> snsOptimistic = calls.snsOptimistic().byOperation();
        Map<String, Figure> hooksOptimistic = calls.hooksOptimistic().byOperation();
        line("| operation | SNS notifications | lifecycle hooks | SNS, optimistic | hooks, optimistic |");
        line("| --- | --- | --- | --- | --- |");
        TreeSet<String> operations = new TreeSet<>(sns.keySet());
        operations.addAll(hooks.keySet());
        operations.addAll(snsOptimistic.keySet());
        operations.addAll(hooksOptimistic.keySet());
        for (String operation : operations) {
            row(operation, text(sns.get(operation), 3), text(hooks.get(operation), 3),
                    text(snsOptimistic.get(operation), 3), text(hooksOptimistic.get(operation), 3));
        }
        row("**total**", calls.sns().perLifecycle().text(3), calls.hooks().perLifecycle().text(3),
                calls.snsOptimistic().perLifecycle().text(3), calls.hooksOptimistic().perLifecycle().text(3));
        line("");
        if (calls.hooks().perLifecycle().median() > CallsPerLifecycle.TARGET) {
            line("**Gap, lifecycle hooks.** A terminating instance's agent must be disabled before anything decides "
                    + "it is idle: checked first, a job could be assigned between the check and the delete, and an "
                    + "agent would be removed while it runs a job (invariant 4). So a drained termination costs an "
                    + "`Agents_Update` and a `Vmresource_Delete`: 2 calls per lifecycle is the floor of a safe drain, "
                    + "and the 1.2 target cannot be met with it. Azure DevOps has no call that does both, and nothing "
                    + "documents that the `Agents_Update` response carries the agent's running job, so it is not "
                    + "relied on. What is left above 2 is shared: the job check is one `Agents_List` of the pool, "
                    + "taken at the first look after the disable, that serves every agent disabled before it (about "
                    + "one per scale-in wave; it used to be an `Agents_Get` per instance, 3.2 calls per lifecycle in "
                    + "all), and the launch checks share one `Vmresource_List` of the environment per 10 s.");
            line("");
        }
        if (calls.sns().perLifecycle().median() > CallsPerLifecycle.TARGET) {
            line("**Gap, SNS notifications.** Above the target; see the operations above for where the calls go.");
            line("");
        }
    }

    private void burst() {
        TerminationBurst.Result burst = results.burst();
        List<TerminationBurst.Run> runs = burst.runs();
        line("## Burst under the rate limit");
        line("");
        line(burst.terminations() + " termination notifications (SNS path) queued at once, taken by "
                + burst.containers() + " function containers (the module's reserved concurrency), each with its own "
                + "Azure DevOps client, all behind one identity limited to " + burst.ratePerMinute() + " calls a "
                + "minute by the simulator, in real time. As Azure DevOps documents, the simulator counts calls over "
                + "a sliding five-minute window (a limit of five minutes' worth), answers calls past the limit late "
                + "(up to 30 s, X-RateLimit-Delay) and refuses them with 429 half a limit further on. The floor is "
                + "when the window lets the last admitted call through at the earliest: five minutes for each full "
                + "window's worth (limit and delay phase) of calls before it, delays left out. Calls over rate, the "
                + "simpler floor, is shown beside it.");
        line("");
        line("| | result |");
        line("| --- | --- |");
        row("wall time (s)", Figure.of(runs, TerminationBurst.Run::wallSeconds).text(1));
        row("floor (s)", Figure.of(runs, TerminationBurst.Run::floorSeconds).text(0));
        row("wall time over the floor", burst.ratioToFloor().map(ratio -> ratio.text(2)).orElse("n/a"));
        row("calls over rate (s)", Figure.of(runs, TerminationBurst.Run::callsOverRateSeconds).text(1));
        row("calls admitted", Figure.of(runs, run -> run.calls()).text(0));
        row("calls refused with 429", Figure.of(runs, run -> run.rejected()).text(0));
        row("most 429s one DELETE met", Figure.of(runs, run -> run.mostRejections()).text(0));
        row("failed invocations", Figure.of(runs, run -> run.failedInvocations()).text(0));
        row("VM resources left behind", Figure.of(runs, run -> run.left()).text(0));
        line("");
    }

    private void coldStart() {
        line("## Cold start");
        line("");
        if (coldStart.isMissingNode() || coldStart.isEmpty()) {
            line("Not measured: " + coldStartMissing.orElse("no figures") + ". `" + ColdStarts.SCRIPT + "` measures "
                    + "it (lambda-it: the deployed jar in AWS's Lambda Runtime Interface Emulator).");
            line("");
            return;
        }
        line("lambda-it's measurement (`" + ColdStarts.SCRIPT + "`): the deployed jar in AWS's Lambda Runtime "
                + "Interface Emulator, a fresh emulator and JVM per run, one real event against moto and the "
                + "simulator; measured at " + coldStartSetup.path("measuredAt").asText("?") + ", "
                + coldStartSetup.path("runs").asText("?") + " runs"
                + coldStartMissing.map(why -> " (" + why + ": these are the figures results.json held)").orElse("")
                + ". Init is the emulator's `INIT REPORT`; the first answer its first `REPORT`, which spans init "
                + "and the first event.");
        line("");
        line("| function | JAVA_TOOL_OPTIONS | init (ms) | first answer (ms) | CPU to first answer (ms) |");
        line("| --- | --- | --- | --- | --- |");
        coldStart.properties().forEach(function -> function.getValue().properties().forEach(options -> row(
                function.getKey(), options.getKey() + ": `" + coldStartSetup.path("javaToolOptions")
                        .path(options.getKey()).asText("?") + "`",
                text(options.getValue().path("initMs"), 0), text(options.getValue().path("firstInvokeMs"), 0),
                text(options.getValue().path("cpuMs"), 0))));
        line("");
        line("For reference (TOOLBOX.md, this kind of machine, median of 5): the original system's Python handler "
                + "answered its first LAUNCH " + Math.round(ORIGINAL_FIRST_ANSWER_MS) + " ms after start (init "
                + "216 ms); a trivial one-class Java SNS handler 285 ms (init " + Math.round(TRIVIAL_JAVA_INIT_MS)
                + " ms).");
        line("");
        firstAnswerWithLambdaDefaults().filter(figure -> figure.path("median").asDouble() > ORIGINAL_FIRST_ANSWER_MS)
                .ifPresent(figure -> {
                    line("**Gap, cold start.** The SNS function's first answer takes " + text(figure, 0) + " ms "
                            + "against the original's " + Math.round(ORIGINAL_FIRST_ANSWER_MS) + " ms. Init (JVM, "
                            + "runtime client, handler construction) is " + text(coldStart.path("asg-notifications")
                            .path("lambdaDefault").path("initMs"), 0) + " ms against a trivial Java handler's "
                            + Math.round(TRIVIAL_JAVA_INIT_MS) + " ms; the rest is the first event: loading and "
                            + "initializing the handler path "
                            + "(JSON, SigV4 signing, both HTTP clients) and its calls to the local peers. SnapStart's "
                            + "priming hook runs that path before the snapshot, so a restored function starts with "
                            + "it loaded; the emulator cannot restore snapshots, so that is not measured here.");
                    line("");
                });
    }

    /** The SNS function's first answer with Lambda's default JAVA_TOOL_OPTIONS, if measured. */
    private Optional<JsonNode> firstAnswerWithLambdaDefaults() {
        JsonNode figure = coldStart.path("asg-notifications").path("lambdaDefault").path("firstInvokeMs");
        return figure.isObject() ? Optional.of(figure) : Optional.empty();
    }

    /** A figure as results.json holds it: "538 (491–583)". */
    private static String text(JsonNode figure, int decimals) {
        if (!figure.isObject()) {
            return "–";
        }
        return Figure.text(figure.path("median").asDouble(), figure.path("min").asDouble(),
                figure.path("max").asDouble(), decimals);
    }

    private void jar() {
        LambdaJar jar = results.jar();
        line("## Lambda jar");
        line("");
        line("`" + LambdaJar.PATH + "`: " + jar.artifactBytes() + " bytes (" + String.format("%.2f", jar.megabytes())
                + " MB). The largest parts, compressed:");
        line("");
        line("| part | KB |");
        line("| --- | --- |");
        jar.largestParts().forEach((part, bytes) -> row("`" + part + "`", Long.toString(bytes / 1024)));
        line("");
    }

    private void reconcile() {
        ReconcileAtScale.Result reconcile = results.reconcile();
        line("## Reconcile at scale");
        line("");
        line("One environment of " + reconcile.resources() + " VM resources: " + reconcile.managed() + " managed (a "
                + "record each, the instance running in EC2), " + reconcile.orphans() + " of them orphans (instance "
                + "terminated, agent offline), the rest registered by hand. Each pass runs in a JVM of its own with "
                + "Lambda's flags and `-Xmx" + ReconcileAtScale.MAX_HEAP_MB + "m`; the second pass is "
                + "five minutes after the first on its clock and removes the orphans the first one sighted.");
        line("");
        line("| | pass 1 | pass 2 |");
        line("| --- | --- | --- |");
        List<ReconcileAtScale.Pass> first = reconcile.runs().stream().map(ReconcileAtScale.Run::first).toList();
        List<ReconcileAtScale.Pass> second = reconcile.runs().stream().map(ReconcileAtScale.Run::second).toList();
        row("Azure DevOps calls", Figure.of(first, pass -> pass.adoCallsTotal()).text(0) + " " + operations(first),
                Figure.of(second, pass -> pass.adoCallsTotal()).text(0) + " " + operations(second));
        row("EC2 calls", Figure.of(first, pass -> pass.awsRequests("ec2")).text(0),
                Figure.of(second, pass -> pass.awsRequests("ec2")).text(0));
        row("DynamoDB calls", Figure.of(first, pass -> pass.awsRequests("dynamodb")).text(0),
                Figure.of(second, pass -> pass.awsRequests("dynamodb")).text(0));
        row("wall time (ms)", Figure.of(first, ReconcileAtScale.Pass::wallMs).text(0),
                Figure.of(second, ReconcileAtScale.Pass::wallMs).text(0));
        row("peak heap (MB)", Figure.of(first, ReconcileAtScale.Pass::peakHeapMb).text(0),
                Figure.of(second, ReconcileAtScale.Pass::peakHeapMb).text(0));
        row("VM resources removed", Figure.of(first, pass -> pass.removed()).text(0),
                Figure.of(second, pass -> pass.removed()).text(0));
        line("");
    }

    private void simulateScaling() {
        line("## simulate as the fleet grows");
        line("");
        if (!simulateScaling.isArray() || simulateScaling.isEmpty()) {
            line("Not measured (`--simulate-scale` named no size).");
            line("");
            return;
        }
        line("`simulate --instances N` with its defaults (SNS notifications, the reconciler on its schedule), one run "
                + "each, alone, in a JVM of its own. Peak memory is each process's resident high-water mark "
                + "(`VmHWM`): the simulation's JVM, and moto's server, which holds every instance. The simulated "
                + "part is the run without starting moto and the simulator. Up to 1,000 instances the group scales "
                + "in waves of 10 every 20 s; beyond, in 100 waves each way. The machine's 1-minute load average "
                + "while each ran is beside it: on 2 shared cores the wall time follows it.");
        line("");
        line("| instances | wall time (s) | simulated part (s) | seconds per 1000 instances | peak RSS, simulation JVM "
                + "(MB) | peak RSS, moto (MB) | invariants held | load average |");
        line("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (JsonNode run : simulateScaling) {
            int instances = run.path("instances").asInt();
            double wall = run.path("wallSeconds").asDouble();
            JsonNode load = run.path("loadAverage");
            row(Integer.toString(instances), String.format("%.1f", wall),
                    run.has("simulationSeconds") ? String.format("%.1f", run.path("simulationSeconds").asDouble()) : "–",
                    String.format("%.1f", wall * 1000 / instances),
                    run.path("javaPeakMegabytes").asText(), run.path("motoPeakMegabytes").asText(),
                    yes(run.path("invariantsHeld").asBoolean()),
                    load.isObject() ? String.format("%.1f–%.1f", load.path("least").asDouble(),
                            load.path("greatest").asDouble()) : "–");
        }
        line("");
    }

    private void notes() {
        line("## Reading these figures");
        line("");
        line("- The simulations behind the calls per lifecycle run in JVMs of their own at the lowest CPU priority, "
                + "beside the wall-clock measurements (burst, reconcile), which they slow down as little as the "
                + "scheduler allows; their counts follow simulated time, so sharing the CPU cannot change them.");
        line("- In the burst each container waits out a 429's `Retry-After` inside the invocation, close to a "
                + "minute here. The SNS function's timeout is 60 s: in AWS such an invocation could time out and be "
                + "retried by Lambda a minute later, which is still correct (records are written conditionally, a "
                + "404 on DELETE means gone) but finishes later.");
        line("- Reconcile wall times are mostly the local peers' (moto and the simulator on the same cores), not a "
                + "prediction for AWS. Peak heap is the heap in use just before each collection, garbage included: "
                + "an upper bound of what a pass needs; the pass ran within `-Xmx" + ReconcileAtScale.MAX_HEAP_MB
                + "m`.");
        line("");
    }

    /** The reconciler's calls are its listing's pages plus one DELETE per orphan it removes, nothing per resource. */
    private static boolean pagesOnly(ReconcileAtScale.Result reconcile) {
        long pages = (reconcile.resources() + 999) / 1000;
        return reconcile.runs().stream().allMatch(run -> run.first().adoCallsTotal() <= pages
                && run.second().adoCallsTotal() <= pages + run.second().removed());
    }

    private static String operations(List<ReconcileAtScale.Pass> passes) {
        StringBuilder text = new StringBuilder("(");
        passes.getFirst().adoCalls().keySet().forEach(operation -> text.append(text.length() > 1 ? ", " : "")
                .append(operation).append(" ")
                .append(Figure.of(passes, pass -> pass.adoCalls().getOrDefault(operation, 0L)).text(0)));
        return text.append(")").toString();
    }

    private static String text(Figure figure, int decimals) {
        return figure == null ? "–" : figure.text(decimals);
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no** (see below)";
    }

    private static String yes(boolean value) {
        return value ? "yes" : "**no**";
    }

    private void row(String... cells) {
        line("| " + String.join(" | ", cells) + " |");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
