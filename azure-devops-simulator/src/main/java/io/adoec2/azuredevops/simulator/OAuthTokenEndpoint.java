package io.adoec2.azuredevops.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The token endpoint an agent's authorizationUrl names: the OAuth 2.0 client-credentials grant with a
 * JWT client assertion (RFC 7523 §2.2), which is how a configured agent authenticates from then on
 * (OAuthCredential in microsoft/azure-pipelines-agent 42bde98; the request is VssOAuthTokenHttpClient,
 * VssOAuthJwtBearerClientCredential and VssOAuthClientCredentialsGrant in actions/runner 258d6c85
 * src/Sdk/WebApi/WebApi/OAuth: a form with grant_type=client_credentials,
 * client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer and client_assertion,
 * the JWT with iss=sub=clientId, aud=authorizationUrl, nbf, exp 5 minutes later, jti).
 *
 * <p>The hosted service serves this on its token host (vstoken.dev.azure.com); the simulator serves it
 * under the organization ({@code {org}/_apis/oauth2/token}), which the agent accepts as it uses the URL
 * as given. It accepts an assertion only when signed by the key registered for the agent whose client
 * id is its subject; errors follow RFC 6749 §5.2, and an expired or not-yet-valid assertion says
 * "Current server time is", the phrase the agent looks for to report a skewed clock.
 */
final class OAuthTokenEndpoint {

    static final String ROUTE = "{organization}/_apis/oauth2/token";
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** The .NET JWT validation's default clock skew. */
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final int LIFETIME_SECONDS = 3600;
    private static final SecureRandom RANDOM = new SecureRandom();

    private OAuthTokenEndpoint() {
    }

    static String url(String organizationUrl) {
        return organizationUrl + "/_apis/oauth2/token";
    }

    /** Call under the world lock. */
    static Response exchange(Request request, OrgState organization, String organizationUrl) {
        if (!request.method().equals("POST")) {
            return error(405, "invalid_request", "the token endpoint takes POST");
        }
        Map<String, String> form = form(request.body());
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return error(400, "unsupported_grant_type", "grant_type must be client_credentials");
        }
        if (!ASSERTION_TYPE.equals(form.get("client_assertion_type")) || form.get("client_assertion") == null) {
            return error(400, "invalid_request", "a client_assertion of type " + ASSERTION_TYPE + " is required");
        }
        Instant now = organization.world().now();
        AgentState[] client = new AgentState[1];
        try {
            Rs256Jwt.Verified assertion = Rs256Jwt.verify(form.get("client_assertion"), unverified -> {
                client[0] = unverified.claim("sub").flatMap(sub -> agentByClientId(organization, sub)).orElse(null);
                return Optional.ofNullable(client[0]).map(agent -> (PublicKey) agent.publicKey);
            });
            Rs256Jwt.requireClientAssertion(assertion, client[0].clientId, url(organizationUrl), now, SKEW);
            String jti = assertion.claim("jti").orElse(null);
            if (jti != null && !organization.firstUseOfAssertion(jti)) {
                return error(401, "invalid_client", "the client assertion (jti " + jti + ") was already used");
            }
        } catch (Rs256Jwt.InvalidJwtException e) {
            String message = e.getMessage();
            if (message.startsWith("token expired") || message.startsWith("token not valid before")) {
                message += ". Current server time is " + now + ".";
            }
            return error(401, "invalid_client", message);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String accessToken = "sim-oauth-" + HexFormat.of().formatHex(secret);
        organization.addBearerToken(accessToken, "Agent " + client[0].name + " (" + client[0].clientId + ")");
        ObjectNode body = Json.object();
        body.put("access_token", accessToken);
        body.put("token_type", "jwt-bearer");
        body.put("expires_in", LIFETIME_SECONDS);
        return Response.json(body);
    }

    private static Optional<AgentState> agentByClientId(OrgState organization, String clientId) {
        return organization.pools.values().stream().flatMap(pool -> pool.agents().stream())
                .filter(agent -> agent.clientId.equalsIgnoreCase(clientId) && agent.publicKey != null).findFirst();
    }

    private static Map<String, String> form(byte[] body) {
        Map<String, String> values = new HashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static Response error(int status, String error, String description) {
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("error_description", description);
        return Response.json(status, body);
    }
}
