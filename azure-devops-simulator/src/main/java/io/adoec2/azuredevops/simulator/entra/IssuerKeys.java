package io.adoec2.azuredevops.simulator.entra;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published keys of an external issuer, found the way Entra finds them for a federated
 * credential: OpenID Connect discovery at {@code {issuer}/.well-known/openid-configuration}, whose
 * {@code issuer} must equal the token's, then the JWKS at its {@code jwks_uri}. Fetched on each
 * unknown key id, so a rotated key is picked up.
 */
final class IssuerKeys {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();

    /** The issuer's key with this id; empty if the issuer publishes none (or cannot be reached). */
    Optional<PublicKey> key(String issuer, String kid) {
        String cacheKey = issuer + "#" + kid;
        PublicKey known = keys.get(cacheKey);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            URI base = URI.create(issuer.replaceAll("/+$", ""));
            if (!"https".equals(base.getScheme()) && !"http".equals(base.getScheme())) {
                return Optional.empty();
            }
            JsonNode discovery = get(URI.create(base + "/.well-known/openid-configuration"));
            if (!issuer.equals(discovery.path("issuer").asText())) {
                return Optional.empty();
            }
            JsonNode jwks = get(URI.create(discovery.path("jwks_uri").asText()));
            for (JsonNode jwk : jwks.path("keys")) {
                keys.put(issuer + "#" + jwk.path("kid").asText(), SigningKey.publicKey(jwk));
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Optional.ofNullable(keys.get(cacheKey));
    }

    private JsonNode get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode());
        }
        return SigningKey.JSON.readTree(response.body());
    }
}
