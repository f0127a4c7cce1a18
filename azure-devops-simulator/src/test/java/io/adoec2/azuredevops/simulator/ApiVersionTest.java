package io.adoec2.azuredevops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiVersionTest {

    private final Fixture fixture = new Fixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private HttpResponse<String> listVms(String version) {
        return fixture.alice.get(fixture.vms() + "?api-version=" + version);
    }

    private String typeKey(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return Http.json(response).get("typeKey").asText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.2-preview.1", "7.1-preview.1", "7.1-preview", "7.0-preview.1", "6.0-preview.1"})
    void previewResourcesAcceptEveryPreviewForm(String version) {
        assertThat(listVms(version).statusCode()).isEqualTo(200);
    }

    @Test
    void aPreviewResourceAskedForWithoutPreviewGetsTheServicesMessage() {
        HttpResponse<String> response = listVms("7.1");

        assertThat(typeKey(response)).isEqualTo("VssInvalidPreviewVersionException");
        assertThat(Http.json(response).get("message").asText()).isEqualTo("The requested version \"7.1\" of the"
                + " resource is under preview. The -preview flag must be supplied in the api-version for such"
                + " requests. For example: \"7.1-preview\"");
    }

    @Test
    void theTwoEnvironmentRoutesDifferInWhatIsReleased() {
        String distributedTask = fixture.environments();
        String pipelines = distributedTask.replace("/distributedtask/", "/pipelines/");

        assertThat(fixture.alice.get(distributedTask + "?api-version=7.1").statusCode()).isEqualTo(200);
        assertThat(fixture.alice.get(pipelines + "?api-version=7.2-preview.1").statusCode()).isEqualTo(200);
        assertThat(typeKey(fixture.alice.get(pipelines + "?api-version=7.1")))
                .isEqualTo("VssInvalidPreviewVersionException");
        assertThat(typeKey(fixture.alice.get(distributedTask + "?api-version=7.2")))
                .as("7.2 is preview everywhere").isEqualTo("VssInvalidPreviewVersionException");
    }

    @Test
    void versionsOutOfRangeOrMalformedAre400() {
        assertThat(typeKey(listVms("8.0-preview.1"))).isEqualTo("VssVersionOutOfRangeException");
        assertThat(typeKey(listVms("seven"))).isEqualTo("ArgumentException");
    }

    @Test
    void aGetWithoutVersionIsServedButOtherMethodsMustNameOne() {
        HttpResponse<String> get = fixture.alice.get(fixture.vms());
        HttpResponse<String> post = fixture.alice.send("POST", fixture.environments(), "{\"name\":\"x\"}");

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(typeKey(post)).isEqualTo("VssVersionNotSpecifiedException");
        assertThat(fixture.project.environment("x").id()).as("nothing was created by the refused POST")
                .isGreaterThan(fixture.environment.id());
    }

    @Test
    void theVersionMayComeInTheAcceptHeader() {
        HttpResponse<String> response = fixture.alice.send("POST", fixture.environments(), "{\"name\":\"y\"}",
                "Accept", "application/json;api-version=7.1");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
