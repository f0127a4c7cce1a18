package io.adoec2.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adoec2.azuredevops.simulator.Call;
import io.adoec2.azuredevops.simulator.RateLimit;
import io.adoec2.observe.EventLog;
import io.adoec2.observe.InvocationMetrics;
import io.adoec2.testing.EmittedMetrics;
import io.adoec2.testing.Fixtures;
import io.adoec2.testing.Fixtures.SqsMessage;
import io.adoec2.testing.FunctionHarness;
import io.adoec2.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The invocation's metric line, from real handler runs: moto, the Auto Scaling endpoint checked
 * against its API model, and the Azure DevOps simulator throttling the function's identity as Azure
 * DevOps documents it (the delay phase past the limit, then 429). Its counts must be what the
 * simulator saw and Auto Scaling received, in one line per invocation.
 */
class InvocationMetricsTest {
    private static final Instant START = Instant.parse("2026-11-30T07:00:00Z");
    /** 20 requests a five-minute window, then 10 delayed ones (3 s more each), then 429s. */
    private static final RateLimit LIMIT = new RateLimit(4);

    private final List<Duration> waits = new ArrayList<>();
    private MutableClock clock;
    private FunctionHarness harness;
    private LifecycleQueueHandler handler;

    @BeforeEach
    void start() {
        clock = new MutableClock(START);
        // Azure DevOps' delays and the client's pacing pass at once, and are kept to be looked at.
        harness = new FunctionHarness(clock, Map.of(FunctionConfig.HOOK_HEARTBEAT_TIMEOUT_SECONDS, "300"),
                duration -> {
                    synchronized (waits) {
                        waits.add(duration);
                    }
                });
        handler = new LifecycleQueueHandler(harness.runtime);
    }

    @AfterEach
    void stop() {
        assertThat(harness.autoScaling.violations()).isEmpty();
        harness.close();
    }

    @Test
    void aThrottledLaunchHookRunIsCountedInOneLineAsTheSimulatorAndAutoScalingSawIt() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        harness.environment.registerVm(instanceId, List.of());
        harness.simulator.rateLimit(LIMIT);
        // Another tool on the same identity has spent all but two requests of the window.
        int spent = LIMIT.limit() - 2;
        for (int i = 0; i < spent; i++) {
            assertThat(getProjectsAsTheFunction()).isEqualTo(200);
        }
        int before = harness.simulator.calls().all().size();
        // Its first request is refused by a burst of 429s outside the window's count; then the window's delays begin.
        String firstOperation = "Environments_List";
        harness.simulator.faults().throttleNext(firstOperation, 1, Duration.ofSeconds(2));
        String token = hookAction(instanceId);
        List<Call> run = harness.simulator.calls().all().subList(before, harness.simulator.calls().all().size());

        assertThat(run.getFirst().operation()).as("the run's first request").isEqualTo(firstOperation);
        assertThat(harness.autoScaling.requestsFor(token)).extracting(r -> r.parameters().get("LifecycleActionResult"))
                .containsExactly("CONTINUE");
        List<String> lines = harness.metricLines();
        assertThat(lines).as("one metric line for the one invocation").hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines.getFirst());
        long refused = run.stream().filter(call -> call.status() == 429).count();
        assertThat(refused).as("only the scripted refusal: the run stayed inside the delay phase").isEqualTo(1);
        // Requests 1 and 2 of the run are within the limit; every later one is past it, so delayed.
        long delayed = run.size() - 2;
        assertThat(delayed).as("the run reached the delay phase").isPositive();
        assertThat(line.path(InvocationMetrics.AZURE_DEVOPS_REQUESTS).asLong()).isEqualTo(run.size());
        assertThat(line.path(InvocationMetrics.AZURE_DEVOPS_REFUSED).asLong()).isEqualTo(refused);
        assertThat(line.path(InvocationMetrics.AZURE_DEVOPS_DELAYED).asLong()).isEqualTo(delayed);
        assertThat(line.path(InvocationMetrics.AZURE_DEVOPS_LATENCY)).as("one latency per request").hasSize(run.size());
        assertThat(line.path(InvocationMetrics.HOOKS_CONTINUED).asLong()).isEqualTo(1);
        assertThat(line.path(InvocationMetrics.HOOKS_ABANDONED).asLong()).isZero();
        assertThat(line.path(InvocationMetrics.HOOKS_NOT_HELD).asLong()).isZero();
        assertThat(line.path(InvocationMetrics.DIMENSION).asText()).isEqualTo("sqs");
        assertThat(line.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText())
                .isEqualTo(EventLog.NAMESPACE);
        List<String> problems = new ArrayList<>();
        EmittedMetrics.parse(line, problems);
        assertThat(problems).as("the line as the embedded metric format specifies it").isEmpty();
        synchronized (waits) {
            assertThat(waits).as("the simulator's delays and the client's pacing after them").isNotEmpty();
        }
    }

    @Test
    void aHookAutoScalingNoLongerHoldsIsCountedAsNotHeldAndTheNextInvocationStartsAfresh() throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags(""));
        harness.environment.registerVm(instanceId, List.of());
        // Auto Scaling timed the action out before the function completed it: its token is not held.
        String token = UUID.randomUUID().toString();
        deliver(instanceId, token);
        String next = harness.launchInstance(FunctionHarness.groupTags(""));
        harness.environment.registerVm(next, List.of());
        clock.advance(Duration.ofMinutes(1)); // past the function's reuse of a recent listing
        hookAction(next);

        List<String> lines = harness.metricLines();
        assertThat(lines).as("%s", harness.logLines).hasSize(2);
        JsonNode timedOut = new ObjectMapper().readTree(lines.getFirst());
        assertThat(timedOut.path(InvocationMetrics.HOOKS_NOT_HELD).asLong()).isEqualTo(1);
        assertThat(timedOut.path(InvocationMetrics.HOOKS_CONTINUED).asLong()).isZero();
        assertThat(timedOut.path("level").asText()).isEqualTo("WARN");
        JsonNode continued = new ObjectMapper().readTree(lines.get(1));
        assertThat(continued.path(InvocationMetrics.HOOKS_NOT_HELD).asLong()).as("the second invocation's own counts")
                .isZero();
        assertThat(continued.path(InvocationMetrics.HOOKS_CONTINUED).asLong()).isEqualTo(1);
        assertThat(continued.path("level").asText()).isEqualTo("INFO");
    }

    private String hookAction(String instanceId) throws IOException {
        String token = UUID.randomUUID().toString();
        harness.autoScaling.holds(token);
        deliver(instanceId, token);
        return token;
    }

    private void deliver(String instanceId, String token) throws IOException {
        String event = Fixtures.event("eventbridge/launch-action.json", Map.of("instanceId", instanceId, "token", token,
                "group", "web-asg", "hook", "ado-agents", "time", clock.instant().toString(),
                "eventId", UUID.randomUUID().toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Fixtures.sqsBatch(List.of(
                new SqsMessage(UUID.randomUUID().toString(), event))).getBytes(StandardCharsets.UTF_8)), out, null);
        assertThat(new ObjectMapper().readTree(out.toByteArray()).path("batchItemFailures")).isEmpty();
    }

    private int getProjectsAsTheFunction() {
        String basic = Base64.getEncoder().encodeToString((":" + harness.pat).getBytes(StandardCharsets.UTF_8));
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(harness.simulator.organizationUrl(
                            FunctionHarness.ORGANIZATION) + "/" + FunctionHarness.PROJECT
                            + "/_apis/distributedtask/environments?api-version=7.1"))
                    .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
