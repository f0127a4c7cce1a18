package io.adoec2.azuredevops.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A credential may call only the operations its scopes allow, as the spec's security sections say. */
class ScopesTest {

    private final Fixture fixture = new Fixture();
    private final SimVm vm = fixture.environment.registerVm("i-0scoped", List.of());

    @AfterEach
    void close() {
        fixture.close();
    }

    private Http withScopes(String pat, String... scopes) {
        fixture.organization.addPat(pat, "Scoped", Set.of(scopes));
        return Http.withPat(fixture.simulator.baseUri(), pat);
    }

    @Test
    void anEnvironmentScopedPatManagesVmResourcesButGetsNoProjectAndTouchesNoAgent() {
        Http environmentOnly = withScopes("env-pat-0123456789", "vso.environment_manage");

        HttpResponse<String> environments = environmentOnly.get(fixture.environments() + "?" + Fixture.RELEASED);
        HttpResponse<String> byName = environmentOnly.get("/" + Fixture.ORG + "/Fiber/_apis/distributedtask/"
                + "environments?name=production&" + Fixture.RELEASED);
        HttpResponse<String> project = environmentOnly.get("/" + Fixture.ORG + "/_apis/projects/Fiber?"
                + Fixture.RELEASED);
        HttpResponse<String> agentDeleted = environmentOnly.send("DELETE", fixture.agents() + "/" + vm.agentId() + "?"
                + Fixture.RELEASED, null);
        HttpResponse<String> resourceDeleted = environmentOnly.send("DELETE", fixture.vms() + "/" + vm.resourceId()
                + "?" + Fixture.PREVIEW, null);

        assertThat(environments.statusCode()).isEqualTo(200);
        assertThat(Http.json(byName).get("value").get(0).get("project").get("id").asText())
                .as("the project's id comes with the environment").isEqualTo(fixture.project.id());
        assertThat(project.statusCode()).isEqualTo(401);
        assertThat(project.headers().allValues("WWW-Authenticate")).isNotEmpty();
        assertThat(agentDeleted.statusCode()).isEqualTo(401);
        assertThat(fixture.environment.poolAgents()).extracting(SimAgent::id).contains(vm.agentId());
        assertThat(resourceDeleted.statusCode()).isEqualTo(204);
    }

    /** What docs/deployment.md asks of the registration PAT (RequiredScopes.REGISTRATION in the function module). */
    @Test
    void theAgentsRegistrationCallsNeedOnlyTheEnvironmentScope() {
        Http registration = withScopes("reg-pat-0123456789", "vso.environment_manage");
        String pipelines = "/" + Fixture.ORG + "/Fiber/_apis/pipelines/environments";

        HttpResponse<String> connection = registration.get("/fabrikam/_apis/connectionData?connectOptions=1"
                + "&lastChangeId=-1&lastChangeId64=-1&api-version=7.1-preview.1");
        HttpResponse<String> locations = registration.send("OPTIONS", "/fabrikam/_apis/", null,
                "Accept", "application/json");
        HttpResponse<String> environment = registration.get(pipelines + "?name=production&" + Fixture.PREVIEW);
        String vms = pipelines + "/" + fixture.environment.id() + "/providers/virtualmachines";
        HttpResponse<String> byName = registration.get(vms + "?name=i-0new&" + Fixture.PREVIEW);
        HttpResponse<String> added = registration.send("POST", vms + "?" + Fixture.PREVIEW,
                "{\"virtualMachineResource\":{\"name\":\"i-0new\",\"tags\":[],\"agent\":{\"name\":\"i-0new\","
                        + "\"version\":\"4.266.2\",\"authorization\":{\"publicKey\":"
                        + Fixture.publicKeyJson(Fixture.AGENT_KEY) + "}}}}");
        HttpResponse<String> replaced = registration.send("PUT", vms + "?" + Fixture.PREVIEW, "{\"id\":"
                + Http.json(added).get("id").asInt() + ",\"name\":\"i-0new\",\"tags\":[\"web\"]}");
        HttpResponse<String> pool = registration.get(vms + "/pool?" + Fixture.PREVIEW);

        assertThat(List.of(connection, locations, environment, byName, added, replaced, pool))
                .allSatisfy(response -> assertThat(response.statusCode()).as(response.uri() + " " + response.body())
                        .isEqualTo(200));
    }

    @Test
    void aManageScopeIncludesItsReadScope() {
        Http pools = withScopes("pools-pat-0123456789", "vso.agentpools_manage");
        Http poolsRead = withScopes("read-pat-0123456789", "vso.agentpools");

        assertThat(pools.get(fixture.agents() + "?" + Fixture.RELEASED).statusCode()).isEqualTo(200);
        assertThat(poolsRead.get(fixture.agents() + "?" + Fixture.RELEASED).statusCode()).isEqualTo(200);
        assertThat(poolsRead.send("PATCH", fixture.agents() + "/" + vm.agentId() + "?" + Fixture.RELEASED,
                "{\"id\":" + vm.agentId() + ",\"enabled\":false}").statusCode()).isEqualTo(401);
        assertThat(pools.send("PATCH", fixture.agents() + "/" + vm.agentId() + "?" + Fixture.RELEASED,
                "{\"id\":" + vm.agentId() + ",\"enabled\":false}").statusCode()).isEqualTo(200);
    }

    @Test
    void bearerTokensCarryScopesToo() {
        fixture.organization.addBearerToken("bearer-0123456789", "Service principal", Set.of("vso.agentpools"));
        Http bearer = Http.withBearer(fixture.simulator.baseUri(), "bearer-0123456789");

        assertThat(bearer.get(fixture.agents() + "?" + Fixture.RELEASED).statusCode()).isEqualTo(200);
        assertThat(bearer.get(fixture.vms() + "?" + Fixture.PREVIEW).statusCode()).isEqualTo(401);
    }

    @Test
    void everyOperationTheSimulatorServesIsClassified() {
        assertThat(Scopes.classified()).containsAll(Operations.ALL);
    }

    @Test
    void anUnknownScopeIsRefusedByName() {
        assertThatThrownBy(() -> fixture.organization.addPat("x-pat-0123456789", "X", Set.of("vso.enviroment")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vso.enviroment")
                .hasMessageContaining("vso.environment_manage");
    }
}
