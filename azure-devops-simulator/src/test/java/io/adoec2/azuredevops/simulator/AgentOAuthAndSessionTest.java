package io.adoec2.azuredevops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * After registering with a PAT, the agent switches to OAuth: the Add answer names its client id and
 * token endpoint, it proves itself with a JWT signed by the key it registered, and its listener's
 * session is what makes it online.
 */
class AgentOAuthAndSessionTest {

    private static final KeyPair AGENT_KEY = Fixture.AGENT_KEY;
    private static final KeyPair OTHER_KEY = Fixture.rsa();
    private final Fixture fixture = new Fixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private JsonNode add(String name) {
        String body = "{\"virtualMachineResource\":{\"name\":\"" + name + "\",\"tags\":[],\"agent\":{\"name\":\"" + name
                + "\",\"version\":\"4.264.2\",\"authorization\":{\"publicKey\":" + Fixture.publicKeyJson(AGENT_KEY)
                + "}}}}";
        HttpResponse<String> added = fixture.alice.send("POST", fixture.vms() + "?" + Fixture.PREVIEW, body);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        return Http.json(added).get("agent");
    }

    private static String assertion(String clientId, String audience, KeyPair key, Instant now) {
        ObjectNode claims = Json.object();
        claims.put("iss", clientId);
        claims.put("sub", clientId);
        claims.put("aud", audience);
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(300).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return Rs256Jwt.sign(claims, key.getPrivate(), null);
    }

    private HttpResponse<String> exchange(String tokenUrl, String assertion) {
        String path = tokenUrl.substring(fixture.simulator.baseUri().toString().length());
        String form = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion;
        return Http.anonymous(fixture.simulator.baseUri()).send("POST", path, form, "Content-Type",
                "application/x-www-form-urlencoded");
    }

    @Test
    void anAssertionSignedByTheRegisteredKeyBuysATokenThatAuthenticates() {
        JsonNode agent = add("i-0oauth");
        String clientId = agent.get("authorization").get("clientId").asText();
        String tokenUrl = agent.get("authorization").get("authorizationUrl").asText();

        HttpResponse<String> token = exchange(tokenUrl, assertion(clientId, tokenUrl, AGENT_KEY, Instant.now()));

        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String accessToken = Http.json(token).get("access_token").asText();
        HttpResponse<String> connection = Http.withBearer(fixture.simulator.baseUri(), accessToken)
                .get("/fabrikam/_apis/connectionData");
        assertThat(connection.statusCode()).isEqualTo(200);
        assertThat(Http.json(connection).get("authenticatedUser").get("providerDisplayName").asText())
                .contains("i-0oauth");
    }

    @Test
    void anAssertionSignedByAnotherKeyOrForAnotherAudienceOrReplayedIsRefused() {
        JsonNode agent = add("i-0forged");
        String clientId = agent.get("authorization").get("clientId").asText();
        String tokenUrl = agent.get("authorization").get("authorizationUrl").asText();
        String good = assertion(clientId, tokenUrl, AGENT_KEY, Instant.now());

        HttpResponse<String> forged = exchange(tokenUrl, assertion(clientId, tokenUrl, OTHER_KEY, Instant.now()));
        HttpResponse<String> elsewhere = exchange(tokenUrl, assertion(clientId, "https://elsewhere/token", AGENT_KEY,
                Instant.now()));
        HttpResponse<String> stale = exchange(tokenUrl, assertion(clientId, tokenUrl, AGENT_KEY,
                Instant.now().minusSeconds(3600)));
        HttpResponse<String> first = exchange(tokenUrl, good);
        HttpResponse<String> replayed = exchange(tokenUrl, good);

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(Http.json(forged).get("error").asText()).isEqualTo("invalid_client");
        assertThat(elsewhere.statusCode()).isEqualTo(401);
        assertThat(stale.body()).contains("Current server time is");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(replayed.statusCode()).isEqualTo(401);
    }

    @Test
    void theAgentIsOnlineExactlyWhileItsListenerHoldsASession() {
        JsonNode agent = add("i-0listen");
        String sessions = "/fabrikam/_apis/distributedtask/pools/" + fixture.environment.poolId() + "/sessions";
        String session = "{\"ownerName\":\"ip-10-0-0-1\",\"agent\":{\"id\":" + agent.get("id").asInt()
                + ",\"name\":\"i-0listen\",\"version\":\"4.264.2\"}}";
        assertThat(fixture.environment.vm("i-0listen").orElseThrow().online()).isFalse();

        HttpResponse<String> opened = fixture.alice.send("POST", sessions + "?api-version=5.1-preview.1", session);
        boolean onlineWhileOpen = fixture.environment.vm("i-0listen").orElseThrow().online();
        HttpResponse<String> second = fixture.alice.send("POST", sessions + "?api-version=5.1-preview.1", session);
        HttpResponse<String> closed = fixture.alice.send("DELETE", sessions + "/"
                + Http.json(opened).get("sessionId").asText() + "?api-version=5.1-preview.1", null);

        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        assertThat(onlineWhileOpen).isTrue();
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(Http.json(second).get("typeKey").asText()).isEqualTo("TaskAgentSessionConflictException");
        assertThat(closed.statusCode()).isEqualTo(204);
        assertThat(fixture.environment.vm("i-0listen").orElseThrow().online()).isFalse();
    }
}
