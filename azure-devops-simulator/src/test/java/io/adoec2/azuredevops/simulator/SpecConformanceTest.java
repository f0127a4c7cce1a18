package io.adoec2.azuredevops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation the simulator serves, answered for real over HTTP, checked against the response
 * schema of the REST spec it implements. This is what keeps the simulator from drifting towards what a
 * client would like to see.
 */
class SpecConformanceTest {

    private static final SwaggerSpec ENVIRONMENTS = SwaggerSpec.load("environments-7.2.json");
    private static final SwaggerSpec TASK_AGENT = SwaggerSpec.load("distributedTask-taskAgent-7.1.json");
    private static final SwaggerSpec CORE = SwaggerSpec.load("core-7.1.json");

    private static Fixture fixture;
    private static final Set<String> checked = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void seed() {
        fixture = new Fixture();
        SimVm busy = fixture.environment.registerVm("i-0busy", List.of("web", "blue"));
        SimVm done = fixture.environment.registerVm("i-0done", List.of());
        fixture.environment.startJob(busy.resourceId(), "Deploy web");
        fixture.environment.startJob(done.resourceId(), "Deploy db");
        fixture.environment.finishJob(done.resourceId());
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    private void check(SwaggerSpec spec, String operationId, String method, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(operationId + ": " + response.body()).isBetween(200, 299);
        JsonNode schema = spec.responseSchema(operationId, method)
                .orElseThrow(() -> new AssertionError(spec.name() + " has no " + method + " " + operationId));
        if (schema.isMissingNode()) {
            assertThat(response.body()).as(operationId + " has no response schema, so no body").isEmpty();
        } else {
            SchemaChecker.checkResponse(spec, schema, Http.json(response))
                    .forEach(problem -> problems.add(spec.name() + " " + operationId + " " + problem));
        }
        checked.add(operationId.split(" ")[0]);
    }

    private static String environmentsUnder(String area) {
        return "/fabrikam/" + fixture.project.id() + "/_apis/" + area + "/environments";
    }

    @Test
    void environmentsUnderBothRoutes() {
        for (String area : List.of("pipelines", "distributedtask")) {
            SwaggerSpec spec = area.equals("pipelines") ? ENVIRONMENTS : TASK_AGENT;
            String base = environmentsUnder(area);
            check(spec, "Environments_List", "GET", fixture.alice.get(base + "?" + Fixture.PREVIEW));
            check(spec, "Environments_Get", "GET", fixture.alice.get(base + "/" + fixture.environment.id()
                    + "?expands=resourceReferences&" + Fixture.PREVIEW));
            check(spec, "Environments_Add", "POST", fixture.alice.send("POST", base + "?" + Fixture.PREVIEW,
                    "{\"name\":\"conformance-" + area + "\",\"description\":\"d\"}"));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void virtualMachineResourcesUnderBothRoutes() {
        for (String area : List.of("pipelines", "distributedtask")) {
            String base = environmentsUnder(area) + "/" + fixture.environment.id() + "/providers/virtualmachines";
            String name = "i-0conform-" + area;
            check(ENVIRONMENTS, "Vmresource_Add", "POST", fixture.alice.send("POST", base + "?" + Fixture.PREVIEW,
                    "{\"virtualMachineResource\":{\"name\":\"" + name + "\",\"tags\":[\"t\"],\"agent\":{\"name\":\""
                            + name + "\",\"version\":\"4.266.2\"}}}"));
            int id = fixture.environment.vm(name).orElseThrow().resourceId();
            check(ENVIRONMENTS, "Vmresource_List", "GET", fixture.alice.get(base + "?" + Fixture.PREVIEW));
            check(ENVIRONMENTS, "Vmresource_Replace", "PUT", fixture.alice.send("PUT", base + "?" + Fixture.PREVIEW,
                    "{\"id\":" + id + ",\"name\":\"" + name + "\",\"tags\":[\"u\"],\"agent\":{\"name\":\"" + name
                            + "\",\"version\":\"4.270.0\"}}"));
            check(ENVIRONMENTS, "Vmresource_Update", "PATCH", fixture.alice.send("PATCH", base + "?"
                    + Fixture.PREVIEW, "{\"id\":" + id + ",\"tags\":[\"v\"]}"));
            check(ENVIRONMENTS, "Pool_Get", "GET", fixture.alice.get(base + "/pool?" + Fixture.PREVIEW));
            HttpResponse<String> get = fixture.alice.get(base + "/" + id + "?" + Fixture.PREVIEW);
            // Not in the 7.2 swagger: checked against the resource definition its siblings return.
            SchemaChecker.checkResponse(ENVIRONMENTS, ENVIRONMENTS.definition("VirtualMachineResource"),
                    Http.json(get)).forEach(problem -> problems.add("Vmresource_Get " + problem));
            checked.add("Vmresource_Get");
            check(ENVIRONMENTS, "Vmresource_Delete", "DELETE", fixture.alice.send("DELETE", base + "/" + id + "?"
                    + Fixture.PREVIEW, null));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void agentsWithEveryDetailTheyCanCarry() {
        String agents = fixture.agents();
        int busy = fixture.environment.vm("i-0busy").orElseThrow().agentId();
        int done = fixture.environment.vm("i-0done").orElseThrow().agentId();
        String everything = "includeCapabilities=true&includeAssignedRequest=true&includeLastCompletedRequest=true&"
                + Fixture.RELEASED;
        check(TASK_AGENT, "Agents_List", "GET", fixture.alice.get(agents + "?" + everything));
        check(TASK_AGENT, "Agents_Get Agent", "GET", fixture.alice.get(agents + "/" + busy + "?" + everything));
        check(TASK_AGENT, "Agents_Get Agent", "GET", fixture.alice.get(agents + "/" + done + "?" + everything));
        check(TASK_AGENT, "Agents_Update", "PATCH", fixture.alice.send("PATCH", agents + "/" + done + "?"
                + Fixture.RELEASED, "{\"enabled\":false}"));
        check(TASK_AGENT, "Agents_Delete", "DELETE", fixture.alice.send("DELETE", agents + "/" + done + "?"
                + Fixture.RELEASED, null));
        assertThat(problems).isEmpty();
    }

    @Test
    void projects() {
        check(CORE, "Projects_List", "GET", fixture.alice.get("/fabrikam/_apis/projects?" + Fixture.RELEASED));
        check(CORE, "Projects_Get", "GET", fixture.alice.get("/fabrikam/_apis/projects/Fiber?includeCapabilities=true&"
                + Fixture.RELEASED));
        assertThat(problems).isEmpty();
    }

    @AfterAll
    static void everyServedOperationWasChecked() {
        Set<String> served = new TreeSet<>(Operations.ALL);
        // Not in the REST spec: the Location service's operations (LocationDiscoveryTest), the agent's
        // sessions and token endpoint.
        served.removeAll(Set.of(Operations.CONNECTION_DATA, Operations.RESOURCE_LOCATIONS,
                Operations.RESOURCE_AREAS_LIST, Operations.RESOURCE_AREAS_GET, Operations.SESSIONS_CREATE,
                Operations.SESSIONS_DELETE, Operations.OAUTH_TOKEN)); // AgentOAuthAndSessionTest
        assertThat(new TreeSet<>(checked)).as("operations checked against the spec").isEqualTo(served);
    }
}
