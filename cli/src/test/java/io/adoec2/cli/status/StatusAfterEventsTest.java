package io.adoec2.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adoec2.cli.OperatorDeployment;
import io.adoec2.handler.AsgNotificationHandler;
import io.adoec2.testing.FunctionHarness;
import io.adoec2.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code status} after a run of the real notification handler: instances launched and their
 * notifications handled, agents registered as their userdata would, one termination handled and
 * one whose notification was lost, and a VM resource registered by hand.
 */
class StatusAfterEventsTest {

    @Test
    void aLostTerminationShowsAsAnOrphanAndAHandMadeResourceAsNotOurs() throws IOException {
        try (OperatorDeployment deployment = new OperatorDeployment()) {
            FunctionHarness harness = deployment.harness;
            AsgNotificationHandler handler = new AsgNotificationHandler(harness.runtime);
            String handled = harness.launchInstance(FunctionHarness.groupTags("web"));
            String lost = harness.launchInstance(FunctionHarness.groupTags("web"));
            String running = harness.launchInstance(FunctionHarness.groupTags("web"));
            for (String instanceId : List.of(handled, lost, running)) {
                deliver(handler, "launch.json", instanceId);
                harness.environment.registerVm(instanceId, List.of("web"));
            }
            harness.ec2.terminate(handled);
            deliver(handler, "terminate.json", handled);
            harness.ec2.terminate(lost);
            String handMade = "i-0123456789abcdef1";
            harness.environment.registerVm(handMade, List.of());

            OperatorDeployment.Run run = deployment.run("status", "--json");

            assertThat(run.exitCode).as(run.err).isEqualTo(1);
            JsonNode status = new ObjectMapper().readTree(run.out);
            Map<String, String> drift = new HashMap<>();
            for (JsonNode environment : status.path("environments")) {
                environment.path("instances").forEach(row -> drift.put(row.path("instanceId").asText(),
                        row.path("drift").asText("none")));
            }
            assertThat(drift).containsOnly(Map.entry(lost, "orphan"), Map.entry(running, "none"),
                    Map.entry(handMade, "not-ours"));
            assertThat(status.path("totals").path("closedRecords").asInt()).as("the handled termination").isEqualTo(1);
        }
    }

    private static void deliver(AsgNotificationHandler handler, String fixture, String instanceId) throws IOException {
        String json = Fixtures.event("sns/" + fixture, Map.of("instanceId", instanceId, "group", "web-asg",
                "messageId", UUID.randomUUID().toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{}");
    }
}
