package io.adoec2.azuredevops.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The calls `config.sh --environment` makes (AGENT-REGISTRATION.md), in its order, as a curl script would. */
class AgentRegistrationTest {

    private final Fixture fixture = new Fixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private static String createParameters(String name, String tags) {
        return "{\"virtualMachineResource\":{\"name\":\"" + name + "\",\"tags\":" + tags + ",\"agent\":{\"name\":\""
                + name + "\",\"version\":\"4.266.2\",\"osDescription\":\"Linux 6.8 Ubuntu 24.04\",\"enabled\":true,"
                + "\"maxParallelism\":1,\"authorization\":{\"publicKey\":" + Fixture.publicKeyJson(Fixture.AGENT_KEY)
                + "}}}}";
    }

    /** Steps 2 and 3: the environment by name (via the project name), then the resource by name (via the project id). */
    private JsonNode lookUp(String agentName) {
        HttpResponse<String> environments = fixture.alice.get("/fabrikam/Fiber/_apis/distributedtask/environments"
                + "?name=Production&" + Fixture.RELEASED);
        JsonNode environment = Http.json(environments).get("value").get(0);
        String projectId = environment.get("project").get("id").asText();
        int environmentId = environment.get("id").asInt();
        return Http.json(fixture.alice.get("/fabrikam/" + projectId + "/_apis/distributedtask/environments/"
                + environmentId + "/providers/virtualmachines?name=" + agentName + "&" + Fixture.PREVIEW));
    }

    @Test
    void aFreshAgentRegistersAndLearnsItsPool() {
        HttpResponse<String> connection = fixture.alice.get("/fabrikam/_apis/connectionData?connectOptions=1"
                + "&lastChangeId=-1&lastChangeId64=-1&api-version=7.1-preview.1");
        assertThat(Http.json(connection).get("authenticatedUser").get("providerDisplayName").asText())
                .isEqualTo("Alice");
        assertThat(lookUp("i-0aaaabbbbccccdddd").get("count").asInt()).isZero();

        HttpResponse<String> added = fixture.alice.send("POST", fixture.vms() + "?" + Fixture.PREVIEW,
                createParameters("i-0aaaabbbbccccdddd", "[\" web \",\"WEB\",\"\",\"blue\"]"));
        HttpResponse<String> pool = fixture.alice.get(fixture.vms() + "/pool?" + Fixture.PREVIEW);

        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        JsonNode resource = Http.json(added);
        assertThat(resource.get("name").asText()).isEqualTo("i-0aaaabbbbccccdddd");
        assertThat(resource.get("type").asText()).isEqualTo("virtualMachine");
        assertThat(resource.get("tags")).extracting(JsonNode::asText).containsExactly("web", "blue");
        assertThat(resource.get("agent").get("status").asText()).as("offline until its listener opens a session")
                .isEqualTo("offline");
        assertThat(resource.get("agent").get("version").asText()).isEqualTo("4.266.2");
        assertThat(resource.get("createdBy").get("displayName").asText()).isEqualTo("Alice");
        assertThat(resource.get("environmentReference").get("id").asInt()).isEqualTo(fixture.environment.id());
        assertThat(Http.json(pool).get("id").asInt()).isEqualTo(fixture.environment.poolId());
        assertThat(Http.json(pool).get("poolType").asText()).isEqualTo("deployment");
        assertThat(lookUp("i-0aaaabbbbccccdddd").get("count").asInt()).isEqualTo(1);
        assertThat(fixture.environment.poolAgents()).extracting(SimAgent::name).containsExactly("i-0aaaabbbbccccdddd");
        assertThat(fixture.simulator.calls().all()).extracting(Call::operation).containsExactly(
                "ConnectionData_Get", "Environments_List", "Vmresource_List", "Vmresource_Add", "Pool_Get",
                "Environments_List", "Vmresource_List");
    }

    @Test
    void aSecondAddUnderTheSameNameIsRefusedAsThePoolAlreadyHasThatAgent() {
        fixture.environment.registerVm("i-0dup", List.of());

        HttpResponse<String> again = fixture.alice.send("POST", fixture.vms() + "?" + Fixture.PREVIEW,
                createParameters("I-0DUP", "[]"));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Http.json(again).get("typeKey").asText()).isEqualTo("TaskAgentExistsException");
        assertThat(Http.json(again).get("message").asText()).contains("already contains an agent with name I-0DUP");
        assertThat(fixture.environment.vms()).hasSize(1);
    }

    @Test
    void replaceKeepsTheResourceAndAgentIdsAndTakesTheNewTagsAndAgentDetails() {
        SimVm original = fixture.environment.registerVm("i-0re", List.of("old"));
        ObjectNode listed = (ObjectNode) lookUp("i-0re").get("value").get(0);
        ObjectNode agent = (ObjectNode) listed.get("agent");
        agent.put("version", "4.270.0");
        listed.putArray("tags").add("new").add("NEW").add(" other ");

        HttpResponse<String> replaced = fixture.alice.send("PUT", fixture.vms() + "?" + Fixture.PREVIEW,
                listed.toString());

        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        JsonNode body = Http.json(replaced);
        assertThat(body.get("id").asInt()).isEqualTo(original.resourceId());
        assertThat(body.get("agent").get("id").asInt()).isEqualTo(original.agentId());
        assertThat(body.get("agent").get("version").asText()).isEqualTo("4.270.0");
        assertThat(fixture.environment.vm("i-0re").orElseThrow().tags()).containsExactly("new", "other");
    }

    @Test
    void replacingAResourceThatIsGoneIs404() {
        HttpResponse<String> replaced = fixture.alice.send("PUT", fixture.vms() + "?" + Fixture.PREVIEW,
                "{\"id\":4242,\"name\":\"ghost\",\"tags\":[]}");

        assertThat(replaced.statusCode()).isEqualTo(404);
        assertThat(Http.json(replaced).get("typeKey").asText()).isEqualTo("EnvironmentResourceNotFoundException");
    }

    @Test
    void updateChangesOnlyTheTags() {
        SimVm vm = fixture.environment.registerVm("i-0up", List.of("a"));

        HttpResponse<String> updated = fixture.alice.send("PATCH", fixture.vms() + "?" + Fixture.PREVIEW,
                "{\"id\":" + vm.resourceId() + ",\"tags\":[\"b\",\"B\",\"c\"]}");

        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(fixture.environment.vm("i-0up").orElseThrow().tags()).containsExactly("b", "c");
    }

    @Test
    void deleteThroughRestLeavesTheAgentByDefaultWhichBlocksTheNameUntilItIsDeletedToo() {
        SimVm vm = fixture.environment.registerVm("i-0gone", List.of());

        HttpResponse<String> deleted = fixture.alice.send("DELETE", fixture.vms() + "/" + vm.resourceId() + "?"
                + Fixture.PREVIEW, null);
        HttpResponse<String> get = fixture.alice.get(fixture.vms() + "/" + vm.resourceId() + "?" + Fixture.PREVIEW);
        HttpResponse<String> deletedAgain = fixture.alice.send("DELETE", fixture.vms() + "/" + vm.resourceId() + "?"
                + Fixture.PREVIEW, null);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(deletedAgain.statusCode()).isEqualTo(404);
        assertThat(Http.json(deletedAgain).get("typeKey").asText()).isEqualTo("EnvironmentResourceNotFoundException");
        assertThat(fixture.environment.poolAgents()).extracting(SimAgent::name).containsExactly("i-0gone");
        assertThatThrownBy(() -> fixture.environment.registerVm("i-0gone", List.of()))
                .hasMessageContaining("already contains an agent with name i-0gone");

        fixture.alice.send("DELETE", fixture.agents() + "/" + vm.agentId() + "?" + Fixture.RELEASED, null);

        assertThat(fixture.environment.registerVm("i-0gone", List.of()).resourceId()).isNotEqualTo(vm.resourceId());
    }

    @Test
    void deleteThroughRestRemovesTheAgentTooInTheOptimisticModel() {
        fixture.simulator.deletionModel(DeletionModel.OPTIMISTIC);
        SimVm vm = fixture.environment.registerVm("i-0gone", List.of());

        HttpResponse<String> deleted = fixture.alice.send("DELETE", fixture.vms() + "/" + vm.resourceId() + "?"
                + Fixture.PREVIEW, null);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(fixture.environment.poolAgents()).isEmpty();
        assertThat(fixture.environment.registerVm("i-0gone", List.of()).resourceId()).isNotEqualTo(vm.resourceId());
    }

    @Test
    void deletingInTheUiLeavesAHiddenAgentThatBlocksReRegistration() {
        SimVm vm = fixture.environment.registerVm("i-0ui", List.of());

        fixture.environment.deleteVmResourceLikeTheUi(vm.resourceId());
        JsonNode listed = lookUp("i-0ui");
        HttpResponse<String> add = fixture.alice.send("POST", fixture.vms() + "?" + Fixture.PREVIEW,
                createParameters("i-0ui", "[]"));
        HttpResponse<String> agents = fixture.alice.get(fixture.agents() + "?agentName=i-0ui&" + Fixture.RELEASED);

        assertThat(listed.get("count").asInt()).as("--replace finds nothing to replace").isZero();
        assertThat(add.statusCode()).isEqualTo(409);
        assertThat(Http.json(add).get("message").asText()).contains("already contains an agent with name i-0ui");
        assertThat(Http.json(agents).get("value").get(0).get("id").asInt()).isEqualTo(vm.agentId());

        HttpResponse<String> agentDeleted = fixture.alice.send("DELETE", fixture.agents() + "/" + vm.agentId() + "?"
                + Fixture.RELEASED, null);
        HttpResponse<String> addAfterCleanup = fixture.alice.send("POST", fixture.vms() + "?" + Fixture.PREVIEW,
                createParameters("i-0ui", "[]"));

        assertThat(agentDeleted.statusCode()).isEqualTo(204);
        assertThat(addAfterCleanup.statusCode()).isEqualTo(200);
    }
}
