package io.adoec2.azuredevops.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentsTest {

    private final Fixture fixture = new Fixture();
    private final SimVm vm = fixture.environment.registerVm("i-0agent", List.of());

    @AfterEach
    void close() {
        fixture.close();
    }

    private JsonNode agent(String query) {
        HttpResponse<String> response = fixture.alice.get(fixture.agents() + "/" + vm.agentId() + "?"
                + Fixture.RELEASED + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    @Test
    void aRunningJobShowsAsAssignedRequestOnlyWhenAskedFor() {
        assertThat(fixture.environment.startJob(vm.resourceId(), "Deploy web")).isTrue();

        JsonNode plain = agent("");
        JsonNode detailed = agent("&includeAssignedRequest=true");

        assertThat(plain.has("assignedRequest")).isFalse();
        assertThat(detailed.get("assignedRequest").get("jobName").asText()).isEqualTo("Deploy web");
        assertThat(detailed.get("assignedRequest").get("requestId").asLong()).isPositive();
        assertThat(detailed.get("assignedRequest").has("assignTime")).isTrue();
        assertThat(fixture.environment.vm("i-0agent").orElseThrow().busy()).isTrue();
    }

    @Test
    void aFinishedJobLeavesTheAgentIdleWithALastCompletedRequest() {
        fixture.environment.startJob(vm.resourceId(), "Deploy web");
        fixture.environment.finishJob(vm.resourceId());

        JsonNode detailed = agent("&includeAssignedRequest=true&includeLastCompletedRequest=true");

        assertThat(detailed.has("assignedRequest")).isFalse();
        assertThat(detailed.get("lastCompletedRequest").get("result").asText()).isEqualTo("succeeded");
        assertThat(fixture.environment.startJob(vm.resourceId(), "Deploy again")).isTrue();
    }

    @Test
    void jobsStartOnlyOnAnEnabledOnlineIdleAgent() {
        fixture.environment.setAgentOnline(vm.resourceId(), false);
        assertThat(fixture.environment.startJob(vm.resourceId(), "j")).isFalse();
        assertThat(agent("").get("status").asText()).isEqualTo("offline");

        fixture.environment.setAgentOnline(vm.resourceId(), true);
        HttpResponse<String> disabled = fixture.alice.send("PATCH", fixture.agents() + "/" + vm.agentId() + "?"
                + Fixture.RELEASED, "{\"id\":" + vm.agentId() + ",\"enabled\":false}");
        assertThat(Http.json(disabled).get("enabled").asBoolean()).isFalse();
        assertThat(fixture.environment.startJob(vm.resourceId(), "j")).isFalse();

        fixture.alice.send("PATCH", fixture.agents() + "/" + vm.agentId() + "?" + Fixture.RELEASED,
                "{\"enabled\":true}");
        assertThat(fixture.environment.startJob(vm.resourceId(), "j")).isTrue();
        assertThat(fixture.environment.startJob(vm.resourceId(), "k")).as("busy").isFalse();
    }

    @Test
    void agentsAreListedWithANameFilter() {
        fixture.environment.registerVm("i-0other", List.of());

        HttpResponse<String> all = fixture.alice.get(fixture.agents() + "?" + Fixture.RELEASED);
        HttpResponse<String> one = fixture.alice.get(fixture.agents() + "?agentName=I-0OTHER&" + Fixture.RELEASED);

        assertThat(Http.json(all).get("count").asInt()).isEqualTo(2);
        assertThat(Http.json(one).get("value")).extracting(agent -> agent.get("name").asText())
                .containsExactly("i-0other");
    }

    @Test
    void deletingTheAgentLeavesItsResourcePointingAtNothingByDefault() {
        HttpResponse<String> deleted = fixture.alice.send("DELETE", fixture.agents() + "/" + vm.agentId() + "?"
                + Fixture.RELEASED, null);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(fixture.environment.vms()).singleElement().satisfies(left -> {
            assertThat(left.agentId()).isEqualTo(vm.agentId());
            assertThat(left.online()).isFalse();
        });
        assertThat(fixture.environment.poolAgents()).isEmpty();
        assertThat(fixture.alice.get(fixture.agents() + "/" + vm.agentId() + "?" + Fixture.RELEASED).statusCode())
                .isEqualTo(404);
    }

    @Test
    void withAgentStatusOmittedTheVmResourceListingHasNoStatusButThePoolListingHas() {
        fixture.simulator.omitAgentStatus(true);

        JsonNode listed = Http.json(fixture.alice.get(fixture.vms() + "?" + Fixture.PREVIEW)).get("value").get(0);
        JsonNode pooled = Http.json(fixture.alice.get(fixture.agents() + "?" + Fixture.RELEASED)).get("value").get(0);

        assertThat(listed.get("agent").get("id").asInt()).isEqualTo(vm.agentId());
        assertThat(listed.get("agent").has("status")).isFalse();
        assertThat(pooled.get("status").asText()).isEqualTo("online");
    }

    @Test
    void deletingTheAgentTakesItsResourceWithItInTheOptimisticModel() {
        fixture.simulator.deletionModel(DeletionModel.OPTIMISTIC);

        HttpResponse<String> deleted = fixture.alice.send("DELETE", fixture.agents() + "/" + vm.agentId() + "?"
                + Fixture.RELEASED, null);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(fixture.environment.vms()).isEmpty();
    }

    @Test
    void theControlApiReportsMissingResourcesAndConflictsAsJavaExceptions() {
        assertThatThrownBy(() -> fixture.environment.startJob(9_999, "j")).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("9999");
        assertThatThrownBy(() -> fixture.environment.registerVm("I-0AGENT", List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already contains an agent");
    }
}
