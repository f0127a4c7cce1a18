package io.adoec2.azuredevops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a client that never builds URLs itself (the agent's .NET client, azure-devops-python-api) needs:
 * it finds every operation through {@code OPTIONS {org}/_apis/} and the resource areas, and reads
 * connectionData's serviceOwner to know it talks to the hosted service.
 */
class LocationDiscoveryTest {

    private final Fixture fixture = new Fixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    /** Route expansion as azure-devops-python-api's Client does it: unfilled {parameters} are dropped. */
    private static String expand(JsonNode location, Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("area", location.get("area").asText());
        all.put("resource", location.get("resourceName").asText());
        List<String> segments = new ArrayList<>();
        for (String segment : location.get("routeTemplate").asText().replace("{*", "{").split("/")) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String value = all.get(segment.substring(1, segment.length() - 1));
                if (value != null) {
                    segments.add(value);
                }
            } else {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }

    @Test
    void everyAdvertisedLocationLeadsToAServedOperation() {
        fixture.environment.registerVm("web-1", List.of());
        HttpResponse<String> options = fixture.alice.send("OPTIONS", "/fabrikam/_apis/", null,
                "Accept", "application/json");
        assertThat(options.statusCode()).as(options.body()).isEqualTo(200);
        JsonNode locations = Http.json(options).get("value");
        assertThat(locations.size()).isEqualTo(Http.json(options).get("count").asInt()).isGreaterThanOrEqualTo(8);

        Map<String, String> values = Map.of("project", fixture.project.id(), "poolId",
                Integer.toString(fixture.environment.poolId()), "environmentId",
                Integer.toString(fixture.environment.id()));
        List<String> reached = new ArrayList<>();
        for (JsonNode location : locations) {
            if (location.get("resourceName").asText().equals("sessions")) {
                continue; // POST and DELETE only: AgentOAuthAndSessionTest
            }
            assertThat(location.get("id").asText()).as("ids are compared as lower-case strings")
                    .isEqualTo(location.get("id").asText().toLowerCase(java.util.Locale.ROOT));
            assertThat(location.get("minVersion").asDouble()).isLessThanOrEqualTo(location.get("maxVersion").asDouble());
            String version = location.get("releasedVersion").asText().equals("0.0") ? "7.2-preview."
                    + location.get("resourceVersion").asInt() : location.get("releasedVersion").asText();
            HttpResponse<String> response = fixture.alice.send("GET", "/fabrikam/" + expand(location, values), null,
                    "Accept", "application/json;api-version=" + version);
            assertThat(response.statusCode()).as(location + " -> " + response.body()).isEqualTo(200);
            reached.add(fixture.simulator.calls().all().getLast().operation());
        }
        assertThat(reached).contains(Operations.CONNECTION_DATA, Operations.RESOURCE_AREAS_LIST,
                Operations.PROJECTS_LIST, Operations.AGENTS_LIST, Operations.ENVIRONMENTS_GET,
                Operations.VMRESOURCE_LIST, Operations.POOL_GET);
    }

    @Test
    void resourceAreasPointEveryAreaAtTheOrganization() {
        JsonNode areas = Http.json(fixture.alice.get("/fabrikam/_apis/ResourceAreas"));
        assertThat(areas.get("value")).extracting(area -> area.get("name").asText())
                .contains("core", "distributedtask", "environments");
        for (JsonNode area : areas.get("value")) {
            assertThat(area.get("locationUrl").asText()).isEqualTo(fixture.simulator.baseUri() + "/fabrikam/");
        }
        HttpResponse<String> unknown = fixture.alice.get("/fabrikam/_apis/ResourceAreas/"
                + "00000000-0000-0000-0000-000000000001");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void connectionDataNamesTheHostedServiceAndListsServicesOnlyWhenAsked() {
        JsonNode plain = Http.json(fixture.alice.get("/fabrikam/_apis/connectionData?connectOptions=0"
                + "&lastChangeId=-1&lastChangeId64=-1&api-version=7.1-preview.1")).get("locationServiceData");
        JsonNode withServices = Http.json(fixture.alice.get("/fabrikam/_apis/connectionData?connectOptions="
                + "IncludeServices&api-version=7.1-preview.1")).get("locationServiceData");

        assertThat(plain.get("serviceOwner").asText()).isEqualTo("00025394-6065-48ca-87d9-7f5672854ef7");
        assertThat(plain.has("serviceDefinitions")).isFalse();
        assertThat(withServices.get("serviceDefinitions")).extracting(each -> each.get("identifier").asText())
                .contains("d28f3dfe-5bb8-4b06-8420-0452882a4957", "20cb45c7-bd6c-401e-b7e0-a634beda2683");
    }

    @Test
    void locationDiscoveryNeedsACredentialLikeEveryOtherCall() {
        HttpResponse<String> anonymous = Http.anonymous(fixture.simulator.baseUri()).send("OPTIONS",
                "/fabrikam/_apis/", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
