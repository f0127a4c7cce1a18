package io.adoec2.cli.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * How each section's figures are written into {@code results.json}, and the section's own record of when and on
 * what machine load it was measured: sections measured at different times merge in one file, and RESULTS.md is
 * rendered from that file alone ({@link ResultsMarkdown}).
 */
final class BenchResults {

    /** The machine's load over one section's measurement: wall times depend on what else the machine runs. */
    record Measured(Instant at, double loadAverageAtStart, double loadAverageAtEnd, long seconds, int runs) {
        ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("measuredAt", at.toString());
            node.put("loadAverageAtStart", Math.round(loadAverageAtStart * 100) / 100.0);
            node.put("loadAverageAtEnd", Math.round(loadAverageAtEnd * 100) / 100.0);
            node.put("seconds", seconds);
            node.put("runs", runs);
            return node;
        }
    }

    private BenchResults() {}

    static ObjectNode calls(CallsPerLifecycle.Result calls) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("instances", calls.instances());
        for (CallsPerLifecycle.Path path : CallsPerLifecycle.Path.values()) {
            node.withObjectProperty("targets").put(path.id(), path.target());
        }
        node.put("deletionModel", "pessimistic");
        node.set("sns", modeJson(calls.sns()));
        node.set("hooks", modeJson(calls.hooks()));
        ObjectNode optimistic = node.putObject("optimistic");
        optimistic.set("sns", modeJson(calls.snsOptimistic()));
        optimistic.set("hooks", modeJson(calls.hooksOptimistic()));
        return node;
    }

    static void jar(ObjectNode document, LambdaJar jar) {
        document.put("artifactBytes", jar.artifactBytes());
        ObjectNode artifact = document.putObject("jar");
        artifact.put("path", LambdaJar.PATH);
        artifact.put("artifactBytes", jar.artifactBytes());
        artifact.put("megabytes", Math.round(jar.megabytes() * 100) / 100.0);
        artifact.put("targetMegabytes", LambdaJar.TARGET_MEGABYTES);
        jar.largestParts().forEach(artifact.putObject("largestParts")::put);
    }

    private static ObjectNode modeJson(CallsPerLifecycle.Mode mode) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("perLifecycle", mode.perLifecycle().toJson());
        ObjectNode byOperation = node.putObject("byOperationPerLifecycle");
        mode.byOperation().forEach((operation, figure) -> byOperation.set(operation, figure.toJson()));
        node.put("invariantsHeld", mode.invariantsHeld());
        return node;
    }

    static ObjectNode burst(TerminationBurst.Result burst) {
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

    static ObjectNode reconcile(ReconcileAtScale.Result reconcile) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("vmResources", reconcile.resources());
        node.put("managed", reconcile.managed());
        node.put("orphans", reconcile.orphans());
        node.put("maxHeapMegabytes", ReconcileAtScale.MAX_HEAP_MB);
        node.set("firstPass", passJson(reconcile, true));
        node.set("secondPass", passJson(reconcile, false));
        return node;
    }

    private static ObjectNode passJson(ReconcileAtScale.Result reconcile, boolean first) {
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
