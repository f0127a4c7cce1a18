package io.adoec2.azuredevops.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Rs256JwtTest {

    private static final KeyPair AGENT = rsa();
    private static final KeyPair OTHER = rsa();
    private static final Instant NOW = Instant.parse("2026-11-30T04:00:00Z");
    private static final String ENDPOINT = "http://127.0.0.1/fabrikam/oauth2/token";

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode assertion(String clientId) {
        ObjectNode claims = Json.object();
        claims.put("iss", clientId);
        claims.put("sub", clientId);
        claims.put("aud", ENDPOINT);
        claims.put("nbf", NOW.getEpochSecond());
        claims.put("exp", NOW.plusSeconds(300).getEpochSecond());
        claims.put("jti", "5f0c1d3e-0000-4000-8000-000000000001");
        return claims;
    }

    @Test
    void aTokenSignedByTheKeyVerifiesAndCarriesItsClaims() throws Exception {
        String token = Rs256Jwt.sign(assertion("client-1"), AGENT.getPrivate(), null);

        Rs256Jwt.Verified verified = Rs256Jwt.verify(token, AGENT.getPublic());
        Rs256Jwt.requireClientAssertion(verified, "client-1", ENDPOINT, NOW.plusSeconds(10), Duration.ofMinutes(1));

        assertThat(verified.claim("sub")).contains("client-1");
        assertThat(verified.header().get("alg").asText()).isEqualTo("RS256");
    }

    @Test
    void anotherKeysSignatureIsRefused() {
        String token = Rs256Jwt.sign(assertion("client-1"), OTHER.getPrivate(), null);

        assertThatThrownBy(() -> Rs256Jwt.verify(token, AGENT.getPublic()))
                .hasMessageContaining("signature does not verify");
    }

    @Test
    void anUnsecuredOrTamperedTokenIsRefused() {
        String token = Rs256Jwt.sign(assertion("client-1"), AGENT.getPrivate(), null);
        String[] parts = token.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        ObjectNode otherClaims = assertion("client-2");
        String swapped = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Json.bytes(otherClaims)) + "." + parts[2];

        assertThatThrownBy(() -> Rs256Jwt.verify(none + "." + parts[1] + ".", AGENT.getPublic()))
                .hasMessageContaining("alg must be RS256");
        assertThatThrownBy(() -> Rs256Jwt.verify(swapped, AGENT.getPublic()))
                .hasMessageContaining("signature does not verify");
        assertThatThrownBy(() -> Rs256Jwt.verify(parts[0] + "." + parts[1], AGENT.getPublic()))
                .hasMessageContaining("3");
    }

    @Test
    void clientAssertionRulesOfRfc7523() throws Exception {
        Rs256Jwt.Verified verified = Rs256Jwt.verify(Rs256Jwt.sign(assertion("client-1"), AGENT.getPrivate(), "k1"),
                AGENT.getPublic());

        assertThatThrownBy(() -> Rs256Jwt.requireClientAssertion(verified, "client-2", ENDPOINT, NOW,
                Duration.ZERO)).hasMessageContaining("sub");
        assertThatThrownBy(() -> Rs256Jwt.requireClientAssertion(verified, "client-1", "http://elsewhere/token", NOW,
                Duration.ZERO)).hasMessageContaining("aud");
        assertThatThrownBy(() -> Rs256Jwt.requireClientAssertion(verified, "client-1", ENDPOINT,
                NOW.plusSeconds(301), Duration.ZERO)).hasMessageContaining("expired");
        assertThatThrownBy(() -> Rs256Jwt.requireClientAssertion(verified, "client-1", ENDPOINT,
                NOW.minusSeconds(120), Duration.ofSeconds(60))).hasMessageContaining("not valid before");
    }
}
