package io.adoec2.azuredevops.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Names with characters that mean something in URLs. Names travel in JSON bodies and query strings,
 * where they must round-trip exactly and never select another object.
 */
class HostileNamesTest {

    private static final List<String> NAMES = List.of("with space", "ünïcødé 環境 🚀", "a/b", "a%2Fb", "what?",
            "100%", "#hash", "..", "a..b", "plus+sign", "amp&er=sand", "semi;colon", "back\\slash", "'quote\"");

    private final Fixture fixture = new Fixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String jsonString(String value) {
        return Http.JSON.getNodeFactory().textNode(value).toString();
    }

    @Test
    void environmentNamesRoundTripThroughBodyAndNameFilter() {
        for (String name : NAMES) {
            HttpResponse<String> created = fixture.alice.send("POST", fixture.environments() + "?" + Fixture.RELEASED,
                    "{\"name\":" + jsonString(name) + "}");
            assertThat(created.statusCode()).as(name + ": " + created.body()).isEqualTo(200);
        }

        for (String name : NAMES) {
            JsonNode found = Http.json(fixture.alice.get(fixture.environments() + "?name=" + enc(name) + "&"
                    + Fixture.RELEASED));
            assertThat(found.get("value")).as(name).extracting(environment -> environment.get("name").asText())
                    .containsExactly(name);
        }
    }

    @Test
    void vmResourceNamesRoundTripThroughAddAndNameFilter() {
        for (String name : NAMES) {
            ObjectNode body = Http.JSON.createObjectNode();
            ObjectNode resource = body.putObject("virtualMachineResource");
            resource.put("name", name);
            resource.putObject("agent").put("name", name);
            resource.putArray("tags").add(name);
            HttpResponse<String> added = fixture.alice.send("POST", fixture.vms() + "?" + Fixture.PREVIEW,
                    body.toString());
            assertThat(added.statusCode()).as(name + ": " + added.body()).isEqualTo(200);
        }

        for (String name : NAMES) {
            JsonNode found = Http.json(fixture.alice.get(fixture.vms() + "?name=" + enc(name) + "&" + Fixture.PREVIEW));
            assertThat(found.get("value")).as(name).extracting(vm -> vm.get("name").asText()).containsExactly(name);
            assertThat(found.get("value").get(0).get("tags").get(0).asText()).isEqualTo(name);
        }
        assertThat(fixture.environment.poolAgents()).hasSize(NAMES.size());
    }

    @Test
    void anUnencodedPlusInAQueryIsASpaceAsAspNetReadsIt() {
        fixture.environment.registerVm("plus+sign", List.of());
        fixture.environment.registerVm("plus sign", List.of());

        JsonNode found = Http.json(fixture.alice.get(fixture.vms() + "?name=plus+sign&" + Fixture.PREVIEW));

        assertThat(found.get("value")).extracting(vm -> vm.get("name").asText()).containsExactly("plus sign");
    }

    @Test
    void inAPathAnEncodedSlashSeparatesSegmentsAsOnAzureDevOps() {
        HttpResponse<String> response = fixture.alice.get("/fabrikam/_apis/projects/Fiber%2Fextra?"
                + Fixture.RELEASED);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Http.json(response).get("typeKey").asText()).isEqualTo("HttpException");
    }

    @Test
    void charactersAspNetCallsDangerousInAPathAre400() {
        for (String segment : List.of("what%3F", "100%25", "a%3Ab", "x%26y", "a%2Ab", "a%3Cb")) {
            HttpResponse<String> response = fixture.alice.get("/fabrikam/_apis/projects/" + segment + "?"
                    + Fixture.RELEASED);
            assertThat(response.statusCode()).as(segment).isEqualTo(400);
            assertThat(Http.json(response).get("message").asText())
                    .startsWith("A potentially dangerous Request.Path value was detected from the client");
        }
    }

    @Test
    void projectNamesAreRefusedWhereAzureDevOpsRefusesThem() {
        for (String name : List.of("a/b", "what?", "#hash", "_underscore", ".dot", "dot.", "x".repeat(65))) {
            assertThatThrownBy(() -> fixture.organization.project(name)).as(name)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(fixture.organization.project("Spaces and ünïcødé").name()).isEqualTo("Spaces and ünïcødé");
    }

    @Test
    void aProjectWithSpacesAndUnicodeIsReachableByItsEncodedName() {
        SimProject project = fixture.organization.project("Spaces and ünïcødé");
        project.environment("prod");

        HttpResponse<String> byName = fixture.alice.get("/fabrikam/" + enc("SPACES AND ÜNÏCØDÉ")
                + "/_apis/distributedtask/environments?" + Fixture.RELEASED);

        assertThat(Http.json(byName).get("value")).extracting(environment -> environment.get("project").get("id")
                .asText()).containsExactly(project.id());
    }
}
