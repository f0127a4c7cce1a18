package io.adoec2.azuredevops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VmResourceListTest {

    private final Fixture fixture = new Fixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private List<String> names(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        Http.json(response).get("value").forEach(resource -> names.add(resource.get("name").asText()));
        return names;
    }

    @Test
    void pagingThroughTwoAndAHalfThousandResourcesSeesEachExactlyOnce() {
        List<String> registered = SimulatorServer.instanceIds(2_500, 7);
        registered.forEach(name -> fixture.environment.registerVm(name, List.of()));

        List<String> seen = new ArrayList<>();
        int pages = 0;
        String token = null;
        do {
            HttpResponse<String> response = fixture.alice.get(fixture.vms() + "?" + Fixture.PREVIEW
                    + (token == null ? "" : "&continuationToken=" + token));
            JsonNode body = Http.json(response);
            assertThat(body.get("count").asInt()).isEqualTo(body.get("value").size());
            seen.addAll(names(response));
            token = response.headers().firstValue("x-ms-continuationtoken").orElse(null);
            pages++;
        } while (token != null);

        assertThat(pages).as("default page size is 1000").isEqualTo(3);
        assertThat(seen).hasSize(2_500).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void aSmallTopPagesAndResourcesDeletedBetweenPagesShiftNothing() {
        for (int i = 0; i < 10; i++) {
            fixture.environment.registerVm("vm-" + i, List.of());
        }
        HttpResponse<String> first = fixture.alice.get(fixture.vms() + "?$top=4&" + Fixture.PREVIEW);
        String token = first.headers().firstValue("x-ms-continuationtoken").orElseThrow();
        fixture.environment.deleteVmResourceLikeTheUi(fixture.environment.vm("vm-1").orElseThrow().resourceId());
        fixture.environment.deleteVmResourceLikeTheUi(fixture.environment.vm("vm-5").orElseThrow().resourceId());
        List<String> rest = new ArrayList<>();
        while (token != null) {
            HttpResponse<String> page = fixture.alice.get(fixture.vms() + "?$top=4&continuationToken=" + token
                    + "&" + Fixture.PREVIEW);
            rest.addAll(names(page));
            token = page.headers().firstValue("x-ms-continuationtoken").orElse(null);
        }

        assertThat(names(first)).containsExactly("vm-0", "vm-1", "vm-2", "vm-3");
        assertThat(rest).containsExactly("vm-4", "vm-6", "vm-7", "vm-8", "vm-9");
    }

    @Test
    void theLastPageHasNoContinuationToken() {
        fixture.environment.registerVm("only", List.of());

        HttpResponse<String> response = fixture.alice.get(fixture.vms() + "?" + Fixture.PREVIEW);

        assertThat(response.headers().firstValue("x-ms-continuationtoken")).isEmpty();
        assertThat(Http.json(response).get("count").asInt()).isEqualTo(1);
    }

    @Test
    void theNameFilterIsExactAndIgnoresCase() {
        fixture.environment.registerVm("i-0abc", List.of());
        fixture.environment.registerVm("i-0abcd", List.of());

        assertThat(names(fixture.alice.get(fixture.vms() + "?name=I-0ABC&" + Fixture.PREVIEW)))
                .containsExactly("i-0abc");
        assertThat(names(fixture.alice.get(fixture.vms() + "?name=i-0ab&" + Fixture.PREVIEW))).isEmpty();
    }

    @Test
    void theTagsFilterKeepsResourcesCarryingEveryTagIgnoringCase() {
        fixture.environment.registerVm("web-1", List.of("web", "blue"));
        fixture.environment.registerVm("web-2", List.of("Web", "green"));
        fixture.environment.registerVm("db-1", List.of("db", "blue"));

        assertThat(names(fixture.alice.get(fixture.vms() + "?tags=WEB&" + Fixture.PREVIEW)))
                .containsExactly("web-1", "web-2");
        assertThat(names(fixture.alice.get(fixture.vms() + "?tags=web,blue&" + Fixture.PREVIEW)))
                .containsExactly("web-1");
        assertThat(names(fixture.alice.get(fixture.vms() + "?tags=" + enc("blue, ,") + "&" + Fixture.PREVIEW)))
                .containsExactly("web-1", "db-1");
    }

    @Test
    void aBadContinuationTokenIs400() {
        HttpResponse<String> response = fixture.alice.get(fixture.vms() + "?continuationToken=abc&" + Fixture.PREVIEW);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("message").asText()).contains("continuationToken");
    }

    @Test
    void environmentsAreListedByExactNameIgnoringCaseAndPaged() {
        for (int i = 0; i < 60; i++) {
            fixture.project.environment("env-" + i);
        }
        Set<Integer> ids = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            HttpResponse<String> response = fixture.alice.get(fixture.environments() + "?" + Fixture.RELEASED
                    + (token == null ? "" : "&continuationToken=" + token));
            Http.json(response).get("value").forEach(environment -> assertThat(ids.add(environment.get("id").asInt()))
                    .isTrue());
            token = response.headers().firstValue("x-ms-continuationtoken").orElse(null);
            pages++;
        } while (token != null);

        assertThat(ids).hasSize(61);
        assertThat(pages).isEqualTo(2);
        assertThat(names(fixture.alice.get(fixture.environments() + "?name=PRODUCTION&" + Fixture.RELEASED)))
                .containsExactly("production");
        assertThat(names(fixture.alice.get(fixture.environments() + "?name=prod&" + Fixture.RELEASED))).isEmpty();
    }

    @Test
    void projectsAreListedAndFoundByNameOrId() {
        fixture.organization.project("Alpha");
        HttpResponse<String> list = fixture.alice.get("/fabrikam/_apis/projects?$top=1&" + Fixture.RELEASED);
        HttpResponse<String> next = fixture.alice.get("/fabrikam/_apis/projects?$top=1&continuationToken="
                + list.headers().firstValue("x-ms-continuationtoken").orElseThrow() + "&" + Fixture.RELEASED);
        HttpResponse<String> byName = fixture.alice.get("/fabrikam/_apis/projects/fiber?" + Fixture.RELEASED);
        HttpResponse<String> byId = fixture.alice.get("/fabrikam/_apis/projects/" + fixture.project.id().toUpperCase()
                + "?" + Fixture.RELEASED);

        assertThat(names(list)).containsExactly("Alpha");
        assertThat(names(next)).containsExactly("Fiber");
        assertThat(next.headers().firstValue("x-ms-continuationtoken")).isEmpty();
        assertThat(Http.json(byName).get("id").asText()).isEqualTo(fixture.project.id());
        assertThat(Http.json(byId).get("name").asText()).isEqualTo("Fiber");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
