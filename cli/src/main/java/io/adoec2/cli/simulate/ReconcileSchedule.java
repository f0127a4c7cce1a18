package io.adoec2.cli.simulate;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adoec2.azuredevops.simulator.AzureDevOpsSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;

/**
 * The EventBridge schedule of the reconcile function: every {@code interval} it invokes the
 * real handler with the schedule event JSON, on the virtual clock. Once nothing else is left
 * to happen it runs {@code tailPasses} more, enough for the last orphans to be seen twice.
 */
final class ReconcileSchedule {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestStreamHandler handler;
    private final Timeline timeline;
    private final Clock clock;
    private final Duration interval;
    private final int tailPasses;
    private final Runnable afterPass;
    private final AzureDevOpsSimulator simulator;
    private final String identity;
    private final Random ids;
    private final Invocations invocations;
    private int passes;
    private int tail;
    private int incomplete;
    private int removed;
    private int adopted;
    private int finalised;

    ReconcileSchedule(RequestStreamHandler handler, Timeline timeline, Clock clock, Duration interval, int tailPasses,
                      Runnable afterPass, AzureDevOpsSimulator simulator, String identity, long seed,
                      Invocations invocations) {
        this.handler = handler;
        this.timeline = timeline;
        this.clock = clock;
        this.interval = interval;
        this.tailPasses = tailPasses;
        this.afterPass = afterPass;
        this.simulator = simulator;
        this.identity = identity;
        this.ids = new Random(seed ^ 0x5c4ed);
        this.invocations = invocations;
    }

    void start() {
        timeline.afterSeconds(interval.toSeconds(), this::pass);
    }

    ReconcileRuns runs() {
        long calls = simulator.calls().all().stream().filter(call -> call.identity().equals(identity)).count();
        return new ReconcileRuns(passes, incomplete, removed, adopted, finalised, calls);
    }

    private void pass() {
        passes++;
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        String event = event();
        LocalContext context = new LocalContext(new UUID(ids.nextLong(), ids.nextLong()).toString(),
                "ado-ec2-lifecycle-reconcile");
        invocations.begin();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), answer, context);
        } catch (IOException | RuntimeException | InvocationDied e) {
            incomplete++;
        } finally {
            invocations.end();
        }
        count(answer.toByteArray());
        afterPass.run();
        if (timeline.isEmpty()) {
            tail++;
        }
        if (tail < tailPasses) {
            timeline.afterSeconds(interval.toSeconds(), this::pass);
        }
    }

    /** What the function answered; nothing when it failed before answering. */
    private void count(byte[] answer) {
        if (answer.length == 0) {
            return;
        }
        try {
            JsonNode report = JSON.readTree(answer);
            removed += report.path("removed").asInt();
            adopted += report.path("done").path("ADOPT").asInt();
            finalised += report.path("done").path("FINALISE").asInt();
        } catch (IOException e) {
            throw new IllegalStateException("the reconcile function answered something that is not JSON", e);
        }
    }

    /** The event an EventBridge schedule rule sends, as AWS documents it. */
    private String event() {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", new UUID(ids.nextLong(), ids.nextLong()).toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", "123456789012");
        event.put("time", clock.instant().toString());
        event.put("region", "eu-west-1");
        event.putArray("resources").add("arn:aws:events:eu-west-1:123456789012:rule/ado-ec2-lifecycle-reconcile");
        event.putObject("detail");
        return event.toString();
    }
}
