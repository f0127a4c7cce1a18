package io.adoec2.azuredevops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

    private final Fixture fixture = new Fixture();
    private final String projects = "/" + Fixture.ORG + "/_apis/projects?" + Fixture.RELEASED;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aRequestWithoutCredentialsGets401WithTheAuthenticationChallenges() {
        HttpResponse<String> response = Http.anonymous(fixture.simulator.baseUri()).get(projects);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .anyMatch(value -> value.startsWith("Basic"))
                .anyMatch(value -> value.startsWith("Bearer"));
        assertThat(response.body()).isEmpty();
    }

    @Test
    void anUnknownPatGets401() {
        HttpResponse<String> response = Http.withPat(fixture.simulator.baseUri(), "not-a-pat").get(projects);

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aPatIsOnlyValidInItsOwnOrganization() {
        fixture.simulator.organization("contoso").project("Other");

        HttpResponse<String> response = fixture.alice.get("/contoso/_apis/projects?" + Fixture.RELEASED);

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void anyUserNameWorksWithAPat() {
        String header = "Basic " + java.util.Base64.getEncoder()
                .encodeToString(("someone:" + Fixture.PAT).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        HttpResponse<String> response = Http.anonymous(fixture.simulator.baseUri())
                .send("GET", projects, null, "Authorization", header);

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aConfiguredBearerTokenIsAccepted() {
        fixture.organization.addBearerToken("token-of-the-function", "Lifecycle Function");

        HttpResponse<String> response = Http.withBearer(fixture.simulator.baseUri(), "token-of-the-function")
                .get(projects);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(fixture.simulator.calls().all()).last()
                .extracting(Call::identity).isEqualTo("Lifecycle Function");
    }

    @Test
    void aBrowserWithoutCredentialsGetsTheSignInPageUnlessItSuppressesTheRedirect() {
        Http anonymous = Http.anonymous(fixture.simulator.baseUri());

        HttpResponse<String> browser = anonymous.send("GET", projects, null, "Accept", "text/html");
        HttpResponse<String> suppressed = anonymous.send("GET", projects, null, "Accept", "text/html",
                "X-TFS-FedAuthRedirect", "Suppress");

        assertThat(browser.statusCode()).isEqualTo(203);
        assertThat(browser.body()).contains("Sign In");
        assertThat(suppressed.statusCode()).isEqualTo(401);
    }

    @Test
    void everyCallIsAttributedToItsIdentityAndNoCredentialIsLogged() {
        fixture.alice.get(projects);
        Http.anonymous(fixture.simulator.baseUri()).get(projects);

        assertThat(fixture.simulator.calls().all())
                .extracting(Call::identity, Call::operation, Call::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Alice", "Projects_List", 200),
                        org.assertj.core.groups.Tuple.tuple("anonymous", "Projects_List", 401));
        assertThat(fixture.simulator.calls().all().toString()).doesNotContain(Fixture.PAT);
    }
}
