package io.adoec2.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code RESULTS.md}: the figures of {@code results.json} for people, each against its target, with any gap
 * explained and, per section, when it was measured and how loaded the machine was. Rendered from results.json
 * alone, so sections measured at different times ({@code bench --only}) read as one document.
 */
final class ResultsMarkdown {
    /** The original system's Python handler, from start to its first LAUNCH handled (TOOLBOX.md's reference). */
    static final double ORIGINAL_FIRST_ANSWER_MS = 288;
    /** The cold-start measurement's trivial one-class handler, the yardstick of its ratios (lambda-it's ColdStart). */
    static final String TRIVIAL_HANDLER = "trivial-java";
    /** Its second yardstick: the SNS function's HTTP requests before its first answer, and nothing else. */
    static final String SAME_CALLS_HANDLER = "same-calls-java";
    static final String SNS_FUNCTION = "asg-notifications";
    /** Issue 20's targets: first answer over the trivial handler's, the SNS function's and every function's. */
    static final double SNS_RATIO_TARGET = 1.2;
    static final double EVERY_RATIO_TARGET = 1.3;

    private final JsonNode document;
    private final JsonNode coldStart;
    private final JsonNode coldStartSetup;
    private final JsonNode simulateScaling;
    private final Optional<String> levers;
    private final StringBuilder out = new StringBuilder();

    private ResultsMarkdown(JsonNode document, Optional<String> levers) {
        this.document = document;
        this.coldStart = document.path("coldStart");
        this.coldStartSetup = document.path("coldStartSetup");
        this.simulateScaling = document.path("simulateScaling");
        this.levers = levers;
    }

    /**
     * @param document results.json as written: the benchmark's sections and the cold-start measurement's
     * @param levers   the hand-kept account of what was changed for speed, before and after ({@code LEVERS.md}),
     *                 appended as it is
     */
    static String render(JsonNode document, Optional<String> levers) {
        return new ResultsMarkdown(document, levers).document();
    }

    private String document() {
        JsonNode machine = document.path("machine");
        line("# Benchmark results");
        line("");
        line("Rendered by `bin/ado-ec2-lifecycle bench` from `bench/results.json` alone, on " + machine.path("cores")
                .asText("?") + " cores, Java " + machine.path("java").asText("?") + ". Sections may be measured at "
                + "different times (`bench --only SECTION,...` re-measures some and keeps the others' figures; "
                + "`bench --render` only writes this file again): each says when, and the machine's load average at "
                + "its start and end, since wall times depend on what else the machine runs (2 cores shared with "
                + "other builds). Each figure is the median of its runs, the least and greatest in brackets when they "
                + "differ. A benchmark reports; it fails nothing.");
        line("");
        summary();
        sizes();
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

    /** When a section was measured and under what load, or what is known of one an older bench measured. */
    private String measured(String section) {
        JsonNode measured = document.path("measured").path(section);
        if (!measured.isObject()) {
            String at = document.path("generatedAt").asText("");
            return at.isEmpty() ? "measured by an earlier bench (when was not recorded)"
                    : "measured by an earlier bench, at " + at + " or before (its load was not recorded)";
        }
        return "measured at " + measured.path("measuredAt").asText() + ", load average "
                + String.format(Locale.ROOT, "%.2f", measured.path("loadAverageAtStart").asDouble())
                + " at the start and " + String.format(Locale.ROOT, "%.2f", measured.path("loadAverageAtEnd").asDouble())
                + " at the end, in " + measured.path("seconds").asLong() + " s, " + measured.path("runs").asInt()
                + " run(s)";
    }

    private void summary() {
        JsonNode calls = document.path("callsPerLifecycle");
        JsonNode burst = document.path("burst");
        JsonNode reconcile = document.path("reconcile");
        line("| figure | result | target | met |");
        line("| --- | --- | --- | --- |");
        if (calls.isObject()) {
            for (CallsPerLifecycle.Path path : CallsPerLifecycle.Path.values()) {
                JsonNode figure = calls.path(path.id()).path("perLifecycle");
                row("Azure DevOps calls per lifecycle, " + path.title() + " (" + calls.path("instances").asInt()
                                + " instances, pessimistic deletion)", text(figure, 2), "≤ " + path.target(),
                        met(figure.path("median").asDouble() <= path.target()));
            }
        }
        if (burst.isObject()) {
            JsonNode ratio = burst.path("ratioToFloor");
            row("burst of " + burst.path("terminations").asInt() + " terminations: wall time over the floor",
                    ratio.isObject() ? text(ratio, 2) : "limit never reached", "≤ " + TerminationBurst.TARGET,
                    ratio.isObject() ? met(ratio.path("median").asDouble() <= TerminationBurst.TARGET) : "n/a");
            JsonNode most = burst.path("mostRejectionsOfOneRequest");
            row("burst: most 429s one request met", text(most, 0), "≤ 1", met(most.path("max").asDouble() <= 1));
        }
        Optional<Double> snsRatio = ratio(SNS_FUNCTION);
        row("cold start: SNS function's first answer over a trivial Java handler's, Lambda's default flags",
                snsRatio.map(ratio -> String.format(Locale.ROOT, "%.2f", ratio)).orElse("not measured"),
                "≤ " + SNS_RATIO_TARGET, snsRatio.map(ratio -> met(ratio <= SNS_RATIO_TARGET)).orElse("n/a"));
        Optional<Double> worstRatio = functionKeys().stream().map(this::ratio).flatMap(Optional::stream)
                .max(Double::compare);
        row("cold start: every function's first answer over the trivial handler's (the highest)",
                worstRatio.map(ratio -> String.format(Locale.ROOT, "%.2f", ratio)).orElse("not measured"),
                "≤ " + EVERY_RATIO_TARGET, worstRatio.map(ratio -> met(ratio <= EVERY_RATIO_TARGET)).orElse("n/a"));
        JsonNode jar = document.path("jar");
        if (jar.isObject()) {
            double megabytes = jar.path("megabytes").asDouble();
            row("Lambda jar", String.format(Locale.ROOT, "%.2f MB", megabytes),
                    "≤ " + (int) LambdaJar.TARGET_MEGABYTES + " MB", met(megabytes <= LambdaJar.TARGET_MEGABYTES));
        }
        for (JsonNode size : simulateScaling) {
            if (size.path("instances").asInt() == SimulateScaling.TARGET_INSTANCES) {
                double wall = size.path("wallSeconds").asDouble();
                row("`simulate` of " + SimulateScaling.TARGET_INSTANCES + " instances: wall time (s), with every "
                                + "invariant held", String.format(Locale.ROOT, "%.0f", wall),
                        "≤ " + SimulateScaling.TARGET_WALL_SECONDS,
                        met(wall <= SimulateScaling.TARGET_WALL_SECONDS && size.path("invariantsHeld").asBoolean()));
            }
        }
        if (reconcile.isObject()) {
            row("reconcile of " + reconcile.path("vmResources").asInt() + " VM resources: Azure DevOps calls, pass 1 "
                            + "/ pass 2", text(reconcile.at("/firstPass/adoCalls"), 0) + " / "
                            + text(reconcile.at("/secondPass/adoCalls"), 0),
                    "by pages and the pool's 2, not resources (+ 2 an orphan)", met(pagesOnly(reconcile)));
            double heap = Math.max(reconcile.at("/firstPass/peakHeapMegabytes/max").asDouble(),
                    reconcile.at("/secondPass/peakHeapMegabytes/max").asDouble());
            row("reconcile: peak heap (MB), the greatest of any pass", String.format(Locale.ROOT, "%.0f", heap),
                    "≤ " + ReconcileAtScale.MAX_HEAP_MB, met(heap <= ReconcileAtScale.MAX_HEAP_MB));
        }
        line("");
    }

    /** Why each section has the size it has: the whole default bench in about half an hour on this machine. */
    private void sizes() {
        line("## Sizes and time");
        line("");
        line("The default `bench` is sized to take about half an hour on this 2-core machine. What each section took "
                + "when it was last measured, and why it has its size:");
        line("");
        line("| section | size | took (s) | why this size |");
        line("| --- | --- | --- | --- |");
        JsonNode calls = document.path("callsPerLifecycle");
        row("calls", calls.isObject() ? calls.path("instances").asInt() + " instances, "
                        + document.at("/measured/calls/runs").asInt(0) + " seed(s), 2 event paths × 2 deletion models"
                        : "–", seconds("calls"),
                "Four `simulate` lanes share the two cores with the burst, at the lowest CPU priority. Calls per lifecycle hardly depend on the "
                        + "fleet's size: held instances share one listing per 30-s tick of the re-check grid, and the "
                        + "ticks grow with the waves, as the instances do. A seed gives the same counts every time: "
                        + "more runs only add seeds.");
        JsonNode burst = document.path("burst");
        row("burst", burst.isObject() ? burst.path("terminations").asInt() + " terminations, "
                        + document.at("/measured/burst/runs").asInt(0) + " run(s)" : "–", seconds("burst"),
                "Real time: at 200 calls a minute, 1,000 terminations (about 2,000 calls: each deletes a VM resource "
                        + "and its agent) wait out two five-minute windows, so a run takes ten minutes or more on any "
                        + "machine. One run: the windows set its figure, not noise.");
        JsonNode reconcile = document.path("reconcile");
        row("reconcile", reconcile.isObject() ? reconcile.path("vmResources").asInt() + " VM resources, "
                        + document.at("/measured/reconcile/runs").asInt(0) + " run(s)" : "–", seconds("reconcile"),
                "Two passes of seconds each in JVMs of their own: three runs cost a minute or two.");
        row("scale", simulateScaling.isArray() ? simulateScaling.size() + " size(s)" : "–", seconds("scale"),
                "One `simulate` per size, alone: 1,000 instances take a minute or two here, 10,000 about ten minutes on "
                        + "an idle machine, so the default is 1,000 and 10,000 is asked for "
                        + "(`--simulate-scale 1000,10000`).");
        row("coldstart", coldStartSetup.isObject() ? coldStartSetup.path("runs").asText("?") + " run(s)" : "–",
                seconds("coldstart"), "A fresh emulator and JVM per run, seconds each.");
        line("");
    }

    private String seconds(String section) {
        JsonNode measured = document.path("measured").path(section);
        return measured.isObject() ? Long.toString(measured.path("seconds").asLong()) : "–";
    }

    private void calls() {
        JsonNode calls = document.path("callsPerLifecycle");
        line("## Azure DevOps calls per lifecycle");
        line("");
        if (!calls.isObject()) {
            line("Not measured yet (`bench --only calls`).");
            line("");
            return;
        }
        JsonNode[] modes = {calls.path("sns"), calls.path("hooks"), calls.at("/optimistic/sns"),
                calls.at("/optimistic/hooks")};
        boolean held = true;
        for (JsonNode mode : modes) {
            held &= mode.path("invariantsHeld").asBoolean(false);
        }
        line("`simulate`'s scale-out of " + calls.path("instances").asInt() + " instances then scale-in to zero (waves "
                + "of 10 every 20 s, agents registering 40–120 s after launch), the event handlers alone, seeds 1..n; "
                + measured("calls") + ". Calls per launched instance (a replaced instance counts as a lifecycle of its "
                + "own), by operation, under the simulator's pessimistic deletion model (deleting a VM resource leaves "
                + "its agent in the pool; the default) and its optimistic one (each half takes the other with it). "
                + "Every invariant held in every run: " + yes(held) + ".");
        line("");
        line("| operation | SNS notifications | lifecycle hooks | SNS, optimistic | hooks, optimistic |");
        line("| --- | --- | --- | --- | --- |");
        TreeSet<String> operations = new TreeSet<>();
        for (JsonNode mode : modes) {
            mode.path("byOperationPerLifecycle").properties().forEach(operation -> operations.add(operation.getKey()));
        }
        for (String operation : operations) {
            row(operation, text(modes[0].at("/byOperationPerLifecycle/" + operation), 3),
                    text(modes[1].at("/byOperationPerLifecycle/" + operation), 3),
                    text(modes[2].at("/byOperationPerLifecycle/" + operation), 3),
                    text(modes[3].at("/byOperationPerLifecycle/" + operation), 3));
        }
        row("**total**", text(modes[0].path("perLifecycle"), 3), text(modes[1].path("perLifecycle"), 3),
                text(modes[2].path("perLifecycle"), 3), text(modes[3].path("perLifecycle"), 3));
        line("");
        line("**Floors.** Whether deleting one half of a VM (its VM resource, its pool agent) removes the other is "
                + "undocumented, and users report it does not: so every termination deletes both, `Vmresource_Delete` "
                + "and `Agents_Delete`, whichever model holds (under the optimistic one the second is answered 404, "
                + "still a call). That is 2 calls per lifecycle on the SNS path. With lifecycle hooks a terminating "
                + "instance's agent is first disabled (`Agents_Update`) before anything decides it is idle: checked "
                + "first, a job could be assigned between the check and the delete, and an agent would be removed "
                + "while it runs a job. So 3 on the hooks path; Azure DevOps has no call that does two of these. What "
                + "is above the floor is shared: every held instance is looked at on the same 30-s tick of the "
                + "re-check grid, so one `Vmresource_List` of the environment serves every launch check at a tick and "
                + "one `Agents_List` of the pool every job check, and the SNS path's terminations share one listing "
                + "per wave.");
        line("");
    }

    private void burst() {
        JsonNode burst = document.path("burst");
        line("## Burst under the rate limit");
        line("");
        if (!burst.isObject()) {
            line("Not measured yet (`bench --only burst`).");
            line("");
            return;
        }
        line(burst.path("terminations").asInt() + " termination notifications (SNS path) queued at once, taken by "
                + burst.path("containers").asInt() + " function containers (the module's reserved concurrency), each "
                + "with its own Azure DevOps client, all behind one identity limited to "
                + burst.path("rateLimitPerMinute").asInt() + " calls a minute by the simulator, in real time; "
                + measured("burst") + ". As Azure DevOps documents, the simulator counts calls over a sliding "
                + "five-minute window (a limit of five minutes' worth), answers calls past the limit late (up to 30 s, "
                + "`X-RateLimit-Delay`, with a `Retry-After` saying when usage is under the limit again) and refuses "
                + "them with 429 half a limit further on. The floor is the earliest a client that honours `Retry-After` "
                + "(as Microsoft asks, on a delayed 200 too) can let the last call through: the limit's worth in each "
                + "window plus one delayed call per container (the one under way when the threshold was crossed), "
                + "five minutes for each such window's worth before it. Calls over rate, the simpler floor, is shown "
                + "beside it.");
        line("");
        line("| | result |");
        line("| --- | --- |");
        row("wall time (s)", text(burst.path("wallSeconds"), 1));
        row("floor (s)", text(burst.path("floorSeconds"), 0));
        row("wall time over the floor", burst.path("ratioToFloor").isObject() ? text(burst.path("ratioToFloor"), 2)
                : "n/a");
        row("calls over rate (s)", text(burst.path("callsOverRateSeconds"), 1));
        row("calls admitted", text(burst.path("calls"), 0));
        row("calls refused with 429", text(burst.path("rejected"), 0));
        row("most 429s one DELETE met", text(burst.path("mostRejectionsOfOneRequest"), 0));
        row("failed invocations", text(burst.path("failedInvocations"), 0));
        row("VM resources left behind", text(burst.path("vmResourcesLeft"), 0));
        line("");
    }

    private void coldStart() {
        line("## Cold start");
        line("");
        if (coldStart.isMissingNode() || coldStart.isEmpty()) {
            line("Not measured: results.json holds no cold-start figures. `" + ColdStarts.SCRIPT + "` measures "
                    + "it (lambda-it: the deployed jar in AWS's Lambda Runtime Interface Emulator).");
            line("");
            return;
        }
        line("lambda-it's measurement (`" + ColdStarts.SCRIPT + "`): the deployed jar in AWS's Lambda Runtime "
                + "Interface Emulator, a fresh emulator and JVM per run, one real event against moto and the "
                + "simulator; measured at " + coldStartSetup.path("measuredAt").asText("?") + ", "
                + coldStartSetup.path("runs").asText("?") + " runs" + coldStartLoad()
                + ". Init is the emulator's `INIT REPORT`; the first answer its first `REPORT`, which spans init "
                + "and the first event.");
        line("");
        line("Beside the functions, a trivial one-class handler (`" + TRIVIAL_HANDLER + "`: "
                + coldStartSetup.path("baseline").asText("not measured") + "). Runs alternate between them, so the "
                + "ratios compare runs under the same load; the wall times are this machine's at its load then ("
                + coldStartSetup.path("loadAverage").asText("?") + "). Class-data archive: "
                + coldStartSetup.path("sharedArchive").asText("none") + ".");
        line("");
        if (coldStartSetup.has("sameCallsBaseline")) {
            line("And a second yardstick, the same-calls handler (`" + SAME_CALLS_HANDLER + "`: "
                    + coldStartSetup.path("sameCallsBaseline").asText() + "). A function's ratio to it says how much "
                    + "of its gap to the trivial handler is its own code rather than making those calls from a fresh "
                    + "JVM at all: 1.00 would mean all of the gap is the round trips.");
            line("");
        }
        line("| function | JAVA_TOOL_OPTIONS | init (ms) | first answer (ms) | CPU to first answer (ms) | classes loaded "
                + "| peak RSS (MB) | first answer / trivial | CPU / trivial | first answer / same calls "
                + "| CPU / same calls |");
        line("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        coldStart.properties().forEach(function -> function.getValue().properties().forEach(options -> row(
                function.getKey(), options.getKey() + ": `" + coldStartSetup.path("javaToolOptions")
                        .path(options.getKey()).asText("?") + "`",
                text(options.getValue().path("initMs"), 0), text(options.getValue().path("firstInvokeMs"), 0),
                text(options.getValue().path("cpuMs"), 0), text(options.getValue().path("classesLoaded"), 0),
                text(options.getValue().path("peakRssMb"), 0), ratioText(options.getValue().path("firstInvokeRatio")),
                ratioText(options.getValue().path("cpuRatio")),
                ratioText(options.getValue().path("sameCallsFirstInvokeRatio")),
                ratioText(options.getValue().path("sameCallsCpuRatio")))));
        line("");
        line("For reference (TOOLBOX.md, this kind of machine, median of 5): the original system's Python handler "
                + "answered its first LAUNCH " + Math.round(ORIGINAL_FIRST_ANSWER_MS) + " ms after start (init "
                + "216 ms).");
        line("");
        ratio(SNS_FUNCTION).filter(ratio -> ratio > SNS_RATIO_TARGET).ifPresent(ratio -> {
            JsonNode sns = coldStart.path(SNS_FUNCTION).path("lambdaDefault");
            JsonNode trivial = coldStart.path(TRIVIAL_HANDLER).path("lambdaDefault");
            line("**Gap, cold start.** The SNS function answers its first notification in " + text(sns.path(
                    "firstInvokeMs"), 0) + " ms against the trivial handler's " + text(trivial.path("firstInvokeMs"), 0)
                    + " ms (" + String.format(Locale.ROOT, "%.2f", ratio) + "×): it loads " + text(sns.path("classesLoaded"), 0)
                    + " classes against " + text(trivial.path("classesLoaded"), 0) + " (JSON, SigV4 signing, TLS and "
                    + "HTTP for AWS and Azure DevOps, the XML of the Query APIs, the lifecycle itself) and makes its "
                    + "calls (EC2, SSM, Azure DevOps, DynamoDB) before it answers, where the trivial handler makes none."
                    + sameCallsShare(sns)
                    + " The levers tried and what each changed are in \"Cold start: levers tried\" below. SnapStart's priming hook "
                    + "runs the handler path before the snapshot, so a restored function starts with it loaded; the "
                    + "emulator cannot restore snapshots, so that is not measured here.");
            line("");
        });
    }

    /** How the SNS function's first answer compares with the same calls made and nothing else, when measured. */
    private String sameCallsShare(JsonNode sns) {
        JsonNode sameCalls = coldStart.path(SAME_CALLS_HANDLER).path("lambdaDefault");
        JsonNode ratio = sns.path("sameCallsFirstInvokeRatio");
        return ratio.isNumber() ? " Making the same requests and nothing else takes a fresh JVM "
                + text(sameCalls.path("firstInvokeMs"), 0) + " ms (" + ratioText(sameCalls.path("firstInvokeRatio"))
                + "× the trivial handler's): the function's first answer is " + ratioText(ratio) + "× that, its CPU "
                + ratioText(sns.path("sameCallsCpuRatio")) + "×." : "";
    }

    /** The load while the bench last measured cold starts, when it did (the script alone records none). */
    private String coldStartLoad() {
        JsonNode measured = document.path("measured").path("coldstart");
        return measured.isObject() ? String.format(Locale.ROOT, ", load average %.2f at the start and %.2f at the end",
                measured.path("loadAverageAtStart").asDouble(), measured.path("loadAverageAtEnd").asDouble()) : "";
    }

    /** The project's functions measured, without the yardsticks and other builds compared beside them. */
    private List<String> functionKeys() {
        return coldStart.properties().stream().map(Map.Entry::getKey)
                .filter(key -> !key.equals(TRIVIAL_HANDLER) && !key.equals(SAME_CALLS_HANDLER) && !key.contains("@"))
                .toList();
    }

    /** A function's first answer over the trivial handler's, with Lambda's default flags, if both were measured. */
    private Optional<Double> ratio(String function) {
        JsonNode ratio = coldStart.path(function).path("lambdaDefault").path("firstInvokeRatio");
        return ratio.isNumber() ? Optional.of(ratio.asDouble()) : Optional.empty();
    }

    private static String ratioText(JsonNode ratio) {
        return ratio.isNumber() ? String.format(Locale.ROOT, "%.2f", ratio.asDouble()) : "–";
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
        JsonNode jar = document.path("jar");
        line("## Lambda jar");
        line("");
        if (!jar.isObject()) {
            line("Not measured yet.");
            line("");
            return;
        }
        long bytes = jar.path("artifactBytes").asLong(document.path("artifactBytes").asLong());
        line("`" + jar.path("path").asText(LambdaJar.PATH) + "`: " + bytes + " bytes (" + String.format(Locale.ROOT,
                "%.2f", jar.path("megabytes").asDouble()) + " MB), as built when the bench last ran. The largest "
                + "parts, compressed:");
        line("");
        line("| part | KB |");
        line("| --- | --- |");
        jar.path("largestParts").properties().forEach(part -> row("`" + part.getKey() + "`",
                Long.toString(part.getValue().asLong() / 1024)));
        line("");
    }

    private void reconcile() {
        JsonNode reconcile = document.path("reconcile");
        line("## Reconcile at scale");
        line("");
        if (!reconcile.isObject()) {
            line("Not measured yet (`bench --only reconcile`).");
            line("");
            return;
        }
        line("One environment of " + reconcile.path("vmResources").asInt() + " VM resources: "
                + reconcile.path("managed").asInt() + " managed (a record each, the instance running in EC2), "
                + reconcile.path("orphans").asInt() + " of them orphans (instance terminated, agent offline), the rest "
                + "registered by hand; " + measured("reconcile") + ". Each pass runs in a JVM of its own with Lambda's "
                + "flags and `-Xmx" + reconcile.path("maxHeapMegabytes").asInt(ReconcileAtScale.MAX_HEAP_MB) + "m`; "
                + "the second pass is five minutes after the first on its clock and removes the orphans the first one "
                + "sighted.");
        line("");
        line("| | pass 1 | pass 2 |");
        line("| --- | --- | --- |");
        JsonNode first = reconcile.path("firstPass");
        JsonNode second = reconcile.path("secondPass");
        row("Azure DevOps calls", text(first.path("adoCalls"), 0) + " " + operations(first),
                text(second.path("adoCalls"), 0) + " " + operations(second));
        row("EC2 calls", text(first.path("ec2Calls"), 0), text(second.path("ec2Calls"), 0));
        row("DynamoDB calls", text(first.path("dynamoDbCalls"), 0), text(second.path("dynamoDbCalls"), 0));
        row("wall time (ms)", text(first.path("wallMs"), 0), text(second.path("wallMs"), 0));
        row("peak heap (MB)", text(first.path("peakHeapMegabytes"), 0), text(second.path("peakHeapMegabytes"), 0));
        row("VM resources removed", text(first.path("removed"), 0), text(second.path("removed"), 0));
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
                + "each, alone, in a JVM of its own; " + measured("scale") + ". Peak memory is each process's resident "
                + "high-water mark (`VmHWM`): the simulation's JVM, and moto's server, which holds every instance. The "
                + "simulated part is the run without starting moto and the simulator. Up to 1,000 instances the group "
                + "scales in waves of 10 every 20 s; beyond, in 100 waves each way. The machine's 1-minute load average "
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
        line("- In the burst each container waits out a `Retry-After` inside the invocation, up to the whole "
                + "five-minute window (the client honours up to 300 s, within the invocation's deadline). The SNS "
                + "function's timeout is 60 s: in AWS an invocation that cannot wait that long ends at once and Lambda "
                + "delivers the event again later, which is still correct (records are written conditionally, a 404 on "
                + "DELETE means gone) but finishes later.");
        line("- Reconcile wall times are mostly the local peers' (moto and the simulator on the same cores), not a "
                + "prediction for AWS. Peak heap is the heap in use just before each collection, garbage included: "
                + "an upper bound of what a pass needs; the pass ran within `-Xmx" + ReconcileAtScale.MAX_HEAP_MB
                + "m`.");
        line("");
    }

    /**
     * The reconciler's calls are its listing's pages and its look at the environment's pool (Pool_Get and one
     * Agents_List, for agents left without a resource), plus the two DELETEs of each orphan it removes (its VM
     * resource and its agent): nothing per resource.
     */
    private static boolean pagesOnly(JsonNode reconcile) {
        long pages = (reconcile.path("vmResources").asLong() + 999) / 1000 + 2;
        JsonNode first = reconcile.at("/firstPass/adoCalls/runs");
        JsonNode second = reconcile.at("/secondPass/adoCalls/runs");
        JsonNode removed = reconcile.at("/secondPass/removed/runs");
        for (int run = 0; run < first.size(); run++) {
            if (first.get(run).asLong() > pages || second.path(run).asLong() > pages + 2 * removed.path(run).asLong()) {
                return false;
            }
        }
        return true;
    }

    private static String operations(JsonNode pass) {
        StringBuilder text = new StringBuilder("(");
        pass.path("adoCallsByOperation").properties().forEach(operation -> text.append(text.length() > 1 ? ", " : "")
                .append(operation.getKey()).append(" ").append(text(operation.getValue(), 0)));
        return text.append(")").toString();
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
