package io.adoec2.cli.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything one benchmark measured, and how it is written as {@code results.json}. */
record BenchResults(Instant at, Machine machine, int runs, CallsPerLifecycle.Result calls,
                    TerminationBurst.Result burst, LambdaJar jar, ReconcileAtScale.Result reconcile,
                    Map<String, Double> secondsPerPart) {

    /** Where it ran: the machine may be shared, so its load is part of reading wall times. */
    record Machine(int cores, String java, double loadAverageAtStart, double loadAverageAtEnd) {}

    /**
     * The benchmark's own part of results.json; the cold-start measurement writes {@code coldStart},
     * {@code coldStartSetup} and {@code artifactBytes} beside it.
     */
    ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("generatedAt", at.toString());
        ObjectNode where = root.putObject("machine");
        where.put("cores", machine.cores());
        where.put("java", machine.java());
        where.put("loadAverageAtStart", machine.loadAverageAtStart());
        where.put("loadAverageAtEnd", machine.loadAverageAtEnd());
        root.put("runs", runs);
        root.set("callsPerLifecycle", callsJson());
        root.set("burst", burstJson());
        root.put("artifactBytes", jar.artifactBytes());
        ObjectNode artifact = root.putObject("jar");
        artifact.put("path", LambdaJar.PATH);
        artifact.put("megabytes", Math.round(jar.megabytes() * 100) / 100.0);
        artifact.put("targetMegabytes", LambdaJar.TARGET_MEGABYTES);
        jar.largestParts().forEach(artifact.putObject("largestParts")::put);
        root.set("reconcile", reconcileJson());
        secondsPerPart.forEach((part, seconds) -> root.with("benchSeconds").put(part, Math.round(seconds)));
        return root;
    }

    private ObjectNode callsJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("instances", calls.instances());
        node.put("target", CallsPerLifecycle.TARGET);
        node.put("deletionModel", "pessimistic");
        node.set("sns", modeJson(calls.sns()));
        node.set("hooks", modeJson(calls.hooks()));
        ObjectNode optimistic = node.putObject("optimistic");
        optimistic.set("sns", modeJson(calls.snsOptimistic()));
        optimistic.set("hooks", modeJson(calls.hooksOptimistic()));
        return node;
    }

    private static ObjectNode modeJson(CallsPerLifecycle.Mode mode) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("perLifecycle", mode.perLifecycle().toJson());
        ObjectNode byOperation = node.putObject("byOperationPerLifecycle");
        mode.byOperation().forEach((operation, figure) -> byOperation.set(operation, figure.toJson()));
        node.put("invariantsHeld", mode.invariantsHeld());
        return node;
    }

    private ObjectNode burstJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("terminations", burst.terminations());
        node.put("containers", burst.containers());
        node.put("rateLimitPerMinute", burst.ratePerMinute());
        node.put("target", TerminationBurst.TARGET);
        node.set("wallSeconds", Figure.of(burst.runs(), TerminationBurst.Run::wallSeconds).toJson());
        node.set("floorSeconds", Figure.of(burst.runs(), TerminationBurst.Run::floorSeconds).toJson());
        burst.ratioToFloor().ifPresentOrElse(ratio -> node.set("ratioToFloor", ratio.toJson()),
                () -> node.putNull("ratioToFloor"));
        node.set("callsOverRateSeconds", Figure.of(burst.runs(), TerminationBurst.Run::callsOverRateSeconds).toJson());
        node.set("calls", Figure.of(burst.runs(), run -> run.calls()).toJson());
        node.set("rejected", Figure.of(burst.runs(), run -> run.rejected()).toJson());
        node.set("mostRejectionsOfOneRequest", Figure.of(burst.runs(), run -> run.mostRejections()).toJson());
        node.set("failedInvocations", Figure.of(burst.runs(), run -> run.failedInvocations()).toJson());
        node.set("vmResourcesLeft", Figure.of(burst.runs(), run -> run.left()).toJson());
        return node;
    }

    private ObjectNode reconcileJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("vmResources", reconcile.resources());
        node.put("managed", reconcile.managed());
        node.put("orphans", reconcile.orphans());
        node.put("maxHeapMegabytes", ReconcileAtScale.MAX_HEAP_MB);
        node.set("firstPass", passJson(true));
        node.set("secondPass", passJson(false));
        return node;
    }

    private ObjectNode passJson(boolean first) {
        List<ReconcileAtScale.Pass> passes = reconcile.runs().stream()
                .map(run -> first ? run.first() : run.second()).toList();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("adoCalls", Figure.of(passes, pass -> pass.adoCallsTotal()).toJson());
        ObjectNode byOperation = node.putObject("adoCallsByOperation");
        passes.stream().flatMap(pass -> pass.adoCalls().keySet().stream()).distinct().sorted().forEach(operation ->
                byOperation.set(operation, Figure.of(passes, pass -> pass.adoCalls().getOrDefault(operation, 0L))
                        .toJson()));
        node.set("ec2Calls", Figure.of(passes, pass -> pass.awsRequests("ec2")).toJson());
        node.set("dynamoDbCalls", Figure.of(passes, pass -> pass.awsRequests("dynamodb")).toJson());
        node.set("wallMs", Figure.of(passes, ReconcileAtScale.Pass::wallMs).toJson());
        node.set("peakHeapMegabytes", Figure.of(passes, ReconcileAtScale.Pass::peakHeapMb).toJson());
        node.set("removed", Figure.of(passes, pass -> pass.removed()).toJson());
        node.put("complete", passes.stream().allMatch(ReconcileAtScale.Pass::complete));
        return node;
    }
}
