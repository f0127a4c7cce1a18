package io.adoec2.azuredevops.simulator.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.adoec2.azuredevops.simulator.LoopbackServer;
import io.adoec2.azuredevops.simulator.entra.SigningKey;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for AWS STS {@code GetWebIdentityToken} (IAM outbound identity federation), which
 * moto does not implement; for tests and {@code simulate} only, never in the Lambda jar. It is both
 * the regional STS endpoint (Query protocol, API version 2011-06-15) and the account's issuer,
 * serving {@code /.well-known/openid-configuration} and {@code /.well-known/jwks.json}.
 *
 * <p>From the STS API reference and the IAM user guide ("Understanding token claims", "Controlling
 * access with IAM policies"): {@code Audience.member.N} 1 to 10 (becomes {@code aud}),
 * {@code SigningAlgorithm} RS256 or ES384 (only RS256 here: ES384 is refused as unsupported by the
 * stand-in), {@code DurationSeconds} 60 to 3600 (default 300); {@code sub} and the namespace's
 * {@code principal_id} are the role's ARN. The caller is known by the access key id of its SigV4
 * Authorization header (the signature is not checked, as moto does not). The role's identity policy
 * is modelled as the audiences and the longest duration it allows (the {@code sts:IdentityTokenAudience}
 * and {@code sts:DurationSeconds} conditions); anything else is AccessDenied. Assumed: the Query
 * error code of a disabled account is the exception's shape name.
 */
public final class StsWebIdentityIssuer implements AutoCloseable {

    /** A role allowed to get tokens: its ARN and what its policy's conditions allow. */
    public record Grant(String roleArn, Set<String> audiences, int maxDurationSeconds) {
        public Grant {
            audiences = Set.copyOf(audiences);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([A-Za-z0-9]+)/");

    private final Clock clock;
    private final LoopbackServer server;
    private final SigningKey key = SigningKey.generate();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private volatile boolean federationEnabled = true;
    private volatile int issued;

    private StsWebIdentityIssuer(Clock clock) {
        this.clock = clock;
        this.server = LoopbackServer.start("sts-issuer", 2, this::handle);
    }

    public static StsWebIdentityIssuer start(Clock clock) {
        return new StsWebIdentityIssuer(clock);
    }

    /** The account's issuer URL, and also the STS endpoint to point the function at. */
    public URI issuer() {
        return server.uri();
    }

    /** Lets the caller signing with this access key id get tokens as this role, within the grant. */
    public void grant(String accessKeyId, Grant grant) {
        grants.put(accessKeyId, grant);
    }

    /** IAM EnableOutboundWebIdentityFederation / DisableOutboundWebIdentityFederation for the account. */
    public void federationEnabled(boolean enabled) {
        this.federationEnabled = enabled;
    }

    public int tokensIssued() {
        return issued;
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(exchange.getRequestMethod()) && path.equals("/.well-known/openid-configuration")) {
                ObjectNode discovery = JSON.createObjectNode().put("issuer", issuer().toString())
                        .put("jwks_uri", issuer() + "/.well-known/jwks.json");
                discovery.putArray("response_types_supported").add("id_token");
                discovery.putArray("subject_types_supported").add("public");
                discovery.putArray("id_token_signing_alg_values_supported").add("RS256").add("ES384");
                send(exchange, 200, "application/json", discovery.toString());
                return;
            }
            if ("GET".equals(exchange.getRequestMethod()) && path.equals("/.well-known/jwks.json")) {
                ObjectNode jwks = JSON.createObjectNode();
                jwks.putArray("keys").add(key.jwk());
                send(exchange, 200, "application/json", jwks.toString());
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod()) || !path.equals("/")) {
                send(exchange, 404, "text/plain", "not found");
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readNBytes(64 * 1024),
                    StandardCharsets.UTF_8));
            if (!"GetWebIdentityToken".equals(form.get("Action"))) {
                error(exchange, 400, "InvalidAction", "Could not find operation " + form.get("Action")
                        + " for version 2011-06-15");
                return;
            }
            String accessKey = exchange.getRequestHeaders().getFirst("Authorization") == null ? ""
                    : credential(exchange.getRequestHeaders().getFirst("Authorization"));
            getWebIdentityToken(exchange, form, grants.get(accessKey));
        }
    }

    private void getWebIdentityToken(HttpExchange exchange, Map<String, String> form, Grant grant)
            throws IOException {
        if (grant == null) {
            error(exchange, 403, "InvalidClientTokenId", "The security token included in the request is invalid.");
            return;
        }
        List<String> audiences = new ArrayList<>();
        for (int n = 1; form.containsKey("Audience.member." + n); n++) {
            audiences.add(form.get("Audience.member." + n));
        }
        if (audiences.isEmpty() || audiences.size() > 10
                || audiences.stream().anyMatch(a -> a.isEmpty() || a.length() > 1000)) {
            error(exchange, 400, "ValidationError", "1 validation error detected: Value at 'audience' failed to"
                    + " satisfy constraint: Member must have length between 1 and 10");
            return;
        }
        String algorithm = form.getOrDefault("SigningAlgorithm", "");
        if (!algorithm.equals("RS256")) {
            error(exchange, 400, "ValidationError", "Value '" + algorithm + "' at 'signingAlgorithm' failed to"
                    + " satisfy constraint: Member must satisfy enum value set: [RS256, ES384] (the local stand-in"
                    + " signs RS256 only)");
            return;
        }
        int duration;
        try {
            duration = Integer.parseInt(form.getOrDefault("DurationSeconds", "300"));
        } catch (NumberFormatException e) {
            duration = -1;
        }
        if (duration < 60 || duration > 3600) {
            error(exchange, 400, "ValidationError", "Value at 'durationSeconds' failed to satisfy constraint:"
                    + " Member must have value between 60 and 3600");
            return;
        }
        if (!federationEnabled) {
            error(exchange, 403, "OutboundWebIdentityFederationDisabledException", "The outbound web identity"
                    + " federation feature is not enabled for this account.");
            return;
        }
        if (!grant.audiences().containsAll(audiences) || duration > grant.maxDurationSeconds()) {
            error(exchange, 403, "AccessDenied", "User: " + grant.roleArn() + " is not authorized to perform:"
                    + " sts:GetWebIdentityToken because no identity-based policy allows the sts:GetWebIdentityToken"
                    + " action");
            return;
        }
        Instant now = clock.instant();
        Instant expiration = now.plusSeconds(duration);
        ObjectNode claims = JSON.createObjectNode().put("iss", issuer().toString()).put("sub", grant.roleArn());
        if (audiences.size() == 1) {
            claims.put("aud", audiences.get(0));
        } else {
            audiences.forEach(claims.putArray("aud")::add);
        }
        claims.put("iat", now.getEpochSecond()).put("nbf", now.getEpochSecond())
                .put("exp", expiration.getEpochSecond()).put("jti", UUID.randomUUID().toString());
        claims.putObject("https://sts.amazonaws.com/").put("aws_account", grant.roleArn().split(":")[4])
                .put("principal_id", grant.roleArn());
        String token = key.sign(claims);
        issued++;
        send(exchange, 200, "text/xml", "<GetWebIdentityTokenResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetWebIdentityTokenResult><WebIdentityToken>" + token + "</WebIdentityToken><Expiration>"
                + expiration + "</Expiration></GetWebIdentityTokenResult><ResponseMetadata><RequestId>"
                + UUID.randomUUID() + "</RequestId></ResponseMetadata></GetWebIdentityTokenResponse>");
    }

    private static String credential(String authorization) {
        Matcher match = CREDENTIAL.matcher(authorization);
        return match.find() ? match.group(1) : "";
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        send(exchange, status, "text/xml", "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + escape(message)
                + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
