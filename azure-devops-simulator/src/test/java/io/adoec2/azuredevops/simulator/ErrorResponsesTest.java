package io.adoec2.azuredevops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

    private final Fixture fixture = new Fixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private static JsonNode assertError(HttpResponse<String> response, int status, String typeKey) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = Http.json(response);
        assertThat(body.fieldNames()).toIterable()
                .containsExactly("$id", "innerException", "message", "typeName", "typeKey", "errorCode", "eventId");
        assertThat(body.get("typeKey").asText()).isEqualTo(typeKey);
        assertThat(body.get("typeName").asText()).startsWith(typeKey.equals("HttpException") ? "System.Web."
                : "").contains("." + typeKey + ", ");
        assertThat(body.get("innerException").isNull()).isTrue();
        return body;
    }

    @Test
    void aMissingProjectIs404ByNameAndById() {
        JsonNode byName = assertError(fixture.alice.get("/fabrikam/_apis/projects/Nope?" + Fixture.RELEASED), 404,
                "ProjectDoesNotExistWithNameException");
        assertError(fixture.alice.get("/fabrikam/_apis/projects/6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c?"
                + Fixture.RELEASED), 404, "ProjectDoesNotExistException");
        assertError(fixture.alice.get("/fabrikam/Nope/_apis/distributedtask/environments?" + Fixture.RELEASED),
                404, "ProjectDoesNotExistWithNameException");

        assertThat(byName.get("message").asText()).startsWith("TF200016: The following project does not exist: Nope.");
    }

    @Test
    void aMissingEnvironmentResourceOrAgentIs404() {
        assertError(fixture.alice.get(fixture.environments() + "/9999?" + Fixture.RELEASED), 404,
                "EnvironmentNotFoundException");
        assertError(fixture.alice.get(fixture.vms() + "/9999?" + Fixture.PREVIEW), 404,
                "EnvironmentResourceNotFoundException");
        assertError(fixture.alice.get(fixture.agents() + "/9999?" + Fixture.RELEASED), 404,
                "TaskAgentNotFoundException");
        assertError(fixture.alice.get("/fabrikam/_apis/distributedtask/pools/9999/agents?" + Fixture.RELEASED), 404,
                "TaskAgentPoolNotFoundException");
    }

    @Test
    void anEnvironmentOfAnotherProjectIsNotFoundThroughThisOne() {
        SimEnvironment elsewhere = fixture.organization.project("Other").environment("staging");

        assertError(fixture.alice.get(fixture.environments() + "/" + elsewhere.id() + "?" + Fixture.RELEASED), 404,
                "EnvironmentNotFoundException");
    }

    @Test
    void aNonNumericEnvironmentIdIs400NamingIt() {
        JsonNode body = assertError(fixture.alice.get(fixture.environments() + "/production?" + Fixture.RELEASED),
                400, "ArgumentException");

        assertThat(body.get("message").asText()).contains("'production'").contains("environmentId");
    }

    @Test
    void malformedOrMissingBodiesAre400() {
        assertError(fixture.alice.send("POST", fixture.vms() + "?" + Fixture.PREVIEW, "{not json"), 400,
                "VssRequestContentException");
        assertError(fixture.alice.send("POST", fixture.vms() + "?" + Fixture.PREVIEW, ""), 400,
                "ArgumentNullException");
        assertError(fixture.alice.send("POST", fixture.vms() + "?" + Fixture.PREVIEW, "[1,2]"), 400,
                "VssRequestContentException");
        JsonNode noName = assertError(fixture.alice.send("POST", fixture.vms() + "?" + Fixture.PREVIEW,
                "{\"virtualMachineResource\":{\"agent\":{\"name\":\"x\"}}}"), 400, "ArgumentNullException");
        assertError(fixture.alice.send("POST", fixture.environments() + "?" + Fixture.RELEASED, "{}"), 400,
                "ArgumentNullException");

        assertThat(noName.get("message").asText()).contains("Name");
        assertThat(fixture.environment.vms()).isEmpty();
    }

    @Test
    void environmentNamesAreUniqueInAProjectIgnoringCase() {
        HttpResponse<String> first = fixture.alice.send("POST", fixture.environments() + "?" + Fixture.RELEASED,
                "{\"name\":\"Staging\",\"description\":\"pre-production\"}");
        HttpResponse<String> second = fixture.alice.send("POST", fixture.environments() + "?" + Fixture.RELEASED,
                "{\"name\":\"STAGING\"}");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Http.json(first).get("description").asText()).isEqualTo("pre-production");
        assertError(second, 409, "EnvironmentExistsException");
    }

    @Test
    void anUnknownPathIs404AndAWrongMethodIs405() {
        assertError(fixture.alice.get("/fabrikam/_apis/nothing/here?" + Fixture.RELEASED), 404, "HttpException");
        assertError(fixture.alice.send("PUT", fixture.environments() + "?" + Fixture.RELEASED, "{}"), 405,
                "HttpException");
        assertThat(fixture.simulator.calls().all()).extracting(Call::operation).containsOnly("Unknown");
    }

    @Test
    void theCallLogCountsFailuresUnderTheirOperation() {
        fixture.alice.get(fixture.vms() + "/9999?" + Fixture.PREVIEW);
        fixture.alice.get(fixture.vms() + "?" + Fixture.PREVIEW);

        assertThat(fixture.simulator.calls().countsByOperation())
                .containsEntry("Vmresource_Get", 1L).containsEntry("Vmresource_List", 1L);
        assertThat(fixture.simulator.calls().all()).extracting(Call::status).isEqualTo(List.of(404, 200));
        fixture.simulator.calls().clear();
        assertThat(fixture.simulator.calls().total()).isZero();
    }
}
