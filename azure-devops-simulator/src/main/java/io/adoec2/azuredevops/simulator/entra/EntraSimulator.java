package io.adoec2.azuredevops.simulator.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.adoec2.azuredevops.simulator.LoopbackServer;
import io.adoec2.azuredevops.simulator.BearerVerifier;
import io.adoec2.azuredevops.simulator.Rs256Jwt;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the Microsoft Entra token endpoint, {@code POST {authority}/{tenant}/oauth2/v2.0/token},
 * for the client credentials grant only (Microsoft identity platform, "OAuth 2.0 client credentials
 * flow": shared secret, certificate assertion, and federated credential). It knows tenants and their
 * service principals, checks client secrets, certificate assertions (RS256, the certificate by its
 * {@code x5t#S256} header, {@code aud} the token endpoint, RFC 7523 §3) and federated assertions (issuer, subject and audience matched
 * exactly against a federated identity credential, signature checked against the issuer's JWKS
 * found by OpenID discovery, lifetime), and issues RS256 access tokens for Azure DevOps
 * ({@code aud} its resource id) that the Azure DevOps simulator accepts through {@link #verify}.
 *
 * <p>Assumed where the docs are silent: which check fails first (here: tenant, app, credential kind,
 * then issuer, subject, audience, then signature and lifetime), and five minutes of clock skew on
 * an assertion's lifetime.
 */
public final class EntraSimulator implements BearerVerifier, AutoCloseable {

    public static final String AZURE_DEVOPS_RESOURCE = "499b84ac-1321-427f-aa17-267ca6975798";
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /**
     * Leeway on an assertion's nbf and exp (RFC 7519 §4.1.4 allows "some small leeway"): the
     * client's clock and Entra's are never exactly alike. Five minutes is assumed (the common
     * default of Microsoft's token validation); the access tokens it issues get none in Azure DevOps.
     */
    static final Duration ASSERTION_CLOCK_SKEW = Duration.ofMinutes(5);

    private final Clock clock;
    private final LoopbackServer server;
    private final SigningKey signingKey = SigningKey.generate();
    private final IssuerKeys issuerKeys = new IssuerKeys();
    private final Map<String, Map<String, ServicePrincipal>> tenants = new ConcurrentHashMap<>();
    private volatile Duration accessTokenLifetime = Duration.ofSeconds(3599);
    private final Map<String, Integer> issued = new ConcurrentHashMap<>();

    private EntraSimulator(Clock clock) {
        this.clock = clock;
        this.server = LoopbackServer.start("entra-simulator", 4, this::handle);
    }

    /** Starts on a free port of 127.0.0.1; {@code clock} stamps and checks every token. */
    public static EntraSimulator start(Clock clock) {
        return new EntraSimulator(clock);
    }

    /** What to configure as the authority URL: http://127.0.0.1:PORT */
    public URI authority() {
        return server.uri();
    }

    /** The app with this client id in this tenant, registered (with no credential yet) if new. */
    public ServicePrincipal servicePrincipal(String tenantId, String clientId) {
        return tenants.computeIfAbsent(key(tenantId), t -> new ConcurrentHashMap<>())
                .computeIfAbsent(key(clientId), c -> new ServicePrincipal(tenantId, clientId));
    }

    /** How long the access tokens it issues from now on last (Entra's are about an hour). */
    public void accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = lifetime;
    }

    /** Access tokens issued so far, by client id. */
    public Map<String, Integer> tokensIssued() {
        return Map.copyOf(issued);
    }

    @Override
    public Optional<App> verify(String token, Instant now) {
        try {
            Rs256Jwt.Verified verified = Rs256Jwt.verify(token, signingKey.publicKey());
            Rs256Jwt.requireCurrent(verified, now, Duration.ZERO);
            if (!verified.claim("aud").map(AZURE_DEVOPS_RESOURCE::equals).orElse(false)) {
                return Optional.empty();
            }
            return Optional.of(new App(verified.claim("tid").orElse(""), verified.claim("appid").orElse("")));
        } catch (Rs256Jwt.InvalidJwtException forgedForeignOrExpired) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] segments = exchange.getRequestURI().getRawPath().split("/");
            // ["", tenant, "oauth2", "v2.0", "token"]
            if (segments.length != 5 || !"oauth2".equals(segments[2]) || !"v2.0".equals(segments[3])
                    || !"token".equals(segments[4])) {
                send(exchange, 404, SigningKey.JSON.createObjectNode().put("error", "not_found"));
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, AadstsError.invalidRequest(900561,
                        "The endpoint only accepts POST requests. Received a " + exchange.getRequestMethod()
                                + " request.").body(clock.instant()));
                return;
            }
            String tenant = URLDecoder.decode(segments[1], StandardCharsets.UTF_8);
            Map<String, String> form = form(new String(exchange.getRequestBody().readNBytes(64 * 1024),
                    StandardCharsets.UTF_8));
            String endpoint = authority() + exchange.getRequestURI().getRawPath();
            try {
                send(exchange, 200, token(tenant, form, endpoint));
            } catch (Refusal refusal) {
                send(exchange, refusal.error.status(), refusal.error.body(clock.instant()));
            }
        }
    }

    private ObjectNode token(String tenant, Map<String, String> form, String endpoint) {
        if (!"client_credentials".equals(form.get("grant_type"))) {
            throw new Refusal(new AadstsError(400, "unsupported_grant_type", 70003,
                    "The app requested an unsupported grant type."));
        }
        Map<String, ServicePrincipal> apps = tenants.get(key(tenant));
        if (apps == null) {
            throw new Refusal(AadstsError.invalidRequest(90002, "Tenant '" + printable(tenant)
                    + "' not found. Check to make sure you have the correct tenant ID and are signing into the"
                    + " correct cloud."));
        }
        String clientId = form.getOrDefault("client_id", "");
        ServicePrincipal app = apps.get(key(clientId));
        if (app == null) {
            throw new Refusal(AadstsError.unauthorizedClient(700016, "Application with identifier '"
                    + printable(clientId) + "' was not found in the directory '" + printable(tenant) + "'."));
        }
        String scope = form.getOrDefault("scope", "");
        if (!scope.equals(AZURE_DEVOPS_RESOURCE + "/.default")
                && !scope.equals("https://app.vssps.visualstudio.com/.default")) {
            throw new Refusal(AadstsError.invalidRequest(70011, "The provided request must include a 'scope' input"
                    + " parameter. The provided value for the input parameter 'scope' is not valid."));
        }
        if (form.containsKey("client_secret")) {
            if (!app.acceptsSecret(form.get("client_secret"))) {
                throw new Refusal(AadstsError.invalidClient(7000215, "Invalid client secret provided. Ensure the"
                        + " secret being sent in the request is the client secret value, not the client secret ID,"
                        + " for a secret added to app '" + app.clientId() + "'."));
            }
        } else if (JWT_BEARER.equals(form.get("client_assertion_type")) && form.containsKey("client_assertion")) {
            assertion(app, form.get("client_assertion"), endpoint);
        } else {
            throw new Refusal(AadstsError.invalidClient(7000218, "The request body must contain the following"
                    + " parameter: 'client_assertion' or 'client_secret'."));
        }
        return issue(app);
    }

    /**
     * The app's own certificate assertion (iss and sub its client id), or a federated one. The
     * unverified claims only choose the key: a federated credential that does not match is named
     * (issuer, then subject, then audience) before any signature is checked.
     */
    private void assertion(ServicePrincipal app, String assertion, String endpoint) {
        AadstsError[] mismatch = new AadstsError[1];
        Rs256Jwt.Verified token;
        try {
            token = Rs256Jwt.verify(assertion, unverified -> {
                String issuer = unverified.claim("iss").orElse("");
                if (issuer.equals(app.clientId()) && unverified.claim("sub").orElse("").equals(app.clientId())) {
                    return Optional.ofNullable(app.certificate(
                            unverified.header().path("x5t#S256").asText("")));
                }
                mismatch[0] = federatedMismatch(app, unverified).orElse(null);
                return mismatch[0] != null ? Optional.empty()
                        : issuerKeys.key(issuer, unverified.header().path("kid").asText(""));
            });
        } catch (Rs256Jwt.InvalidJwtException e) {
            throw new Refusal(mismatch[0] != null ? mismatch[0]
                    : AadstsError.invalidClient(700027, "Client assertion failed signature validation."));
        }
        boolean certificate = token.claim("iss").map(app.clientId()::equals).orElse(false);
        Instant now = clock.instant();
        try {
            if (certificate) {
                Rs256Jwt.requireClientAssertion(token, app.clientId(), endpoint, now, ASSERTION_CLOCK_SKEW);
            } else {
                Rs256Jwt.requireCurrent(token, now, ASSERTION_CLOCK_SKEW);
            }
        } catch (Rs256Jwt.InvalidJwtException e) {
            long exp = token.claims().path("exp").asLong(0);
            throw new Refusal(AadstsError.invalidClient(700024, "Client assertion is not within its valid time"
                    + " range. Current time: " + now + ", expiry time of assertion " + Instant.ofEpochSecond(exp)
                    + " (" + e.getMessage() + ")."));
        }
    }

    private static Optional<AadstsError> federatedMismatch(ServicePrincipal app, Rs256Jwt.Verified unverified) {
        String issuer = unverified.claim("iss").orElse("");
        String subject = unverified.claim("sub").orElse("");
        var credentials = app.federatedCredentials();
        if (credentials.isEmpty()) {
            return Optional.of(AadstsError.invalidClient(70025, "The client '" + app.clientId()
                    + "' has no configured federated identity credentials."));
        }
        var byIssuer = credentials.stream().filter(c -> c.issuer().equals(issuer)).toList();
        if (byIssuer.isEmpty()) {
            return Optional.of(AadstsError.invalidClient(700211, "No matching federated identity record found for"
                    + " presented assertion issuer '" + printable(issuer) + "'."));
        }
        var bySubject = byIssuer.stream().filter(c -> c.subject().equals(subject)).toList();
        if (bySubject.isEmpty()) {
            return Optional.of(AadstsError.invalidClient(700213, "No matching federated identity record found for"
                    + " presented assertion subject '" + printable(subject) + "'."));
        }
        var presented = audiences(unverified.claims());
        if (bySubject.stream().noneMatch(c -> c.audiences().stream().anyMatch(presented::contains))) {
            return Optional.of(AadstsError.invalidClient(700212, "No matching federated identity record found for"
                    + " presented assertion audience '" + printable(String.join(",", presented)) + "'."));
        }
        return Optional.empty();
    }

    private static java.util.List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        java.util.List<String> values = new java.util.ArrayList<>();
        if (aud.isArray()) {
            aud.forEach(value -> values.add(value.asText()));
        } else if (aud.isTextual()) {
            values.add(aud.asText());
        }
        return values;
    }

    /** An app-only access token for Azure DevOps, shaped as Entra's v1 tokens for that resource. */
    private ObjectNode issue(ServicePrincipal app) {
        Instant now = clock.instant();
        long lifetime = accessTokenLifetime.toSeconds();
        ObjectNode claims = SigningKey.JSON.createObjectNode()
                .put("aud", AZURE_DEVOPS_RESOURCE)
                .put("iss", "https://sts.windows.net/" + app.tenantId() + "/")
                .put("iat", now.getEpochSecond())
                .put("nbf", now.getEpochSecond())
                .put("exp", now.getEpochSecond() + lifetime)
                .put("appid", app.clientId())
                .put("oid", UUID.nameUUIDFromBytes(app.clientId().getBytes(StandardCharsets.UTF_8)).toString())
                .put("sub", UUID.nameUUIDFromBytes(app.clientId().getBytes(StandardCharsets.UTF_8)).toString())
                .put("tid", app.tenantId())
                .put("idtyp", "app")
                .put("uti", UUID.randomUUID().toString());
        issued.merge(app.clientId(), 1, Integer::sum);
        return SigningKey.JSON.createObjectNode().put("token_type", "Bearer").put("expires_in", lifetime)
                .put("ext_expires_in", lifetime).put("access_token", signingKey.sign(claims));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                try {
                    form.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    // Left out: the check that needs it refuses the request.
                }
            }
        }
        return form;
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store, no-cache");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    private static String printable(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }

    private static final class Refusal extends RuntimeException {
        final AadstsError error;

        Refusal(AadstsError error) {
            super(error.error(), null, false, false);
            this.error = error;
        }
    }
}
