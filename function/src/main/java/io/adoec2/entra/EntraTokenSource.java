package io.adoec2.entra;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.azuredevops.AuthScheme;
import io.adoec2.azuredevops.RestClientSettings;
import io.adoec2.azuredevops.Secret;
import io.adoec2.azuredevops.TokenSource;
import io.adoec2.json.JsonTree;
import io.adoec2.retry.Deadline;
import io.adoec2.retry.DeadlineReachedException;
import io.adoec2.retry.RetryPolicy;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Azure DevOps access token for an Entra app, from the tenant's token endpoint with the client
 * credentials grant (Microsoft identity platform, OAuth 2.0 client credentials flow, v2 endpoint):
 * form-encoded {@code grant_type=client_credentials}, {@code client_id}, {@code scope} Azure
 * DevOps' {@code .default}, and the credential's proof. The token is kept until shortly before it
 * expires, and dropped when Azure DevOps answers 401 so the next call gets a new one. A refusal
 * becomes an {@link EntraException} that names the setting to fix.
 */
public final class EntraTokenSource implements TokenSource {

    /** Renew this long before expiry (or at half the lifetime, if shorter), so no call leaves with a dying token. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);
    private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");

    private final EntraApp app;
    private final ClientCredential credential;
    private final RestClientSettings settings;
    private final HttpClient http;

    private Secret cached;
    private Instant renewAt = Instant.MIN;

    public EntraTokenSource(EntraApp app, ClientCredential credential, RestClientSettings settings) {
        this.app = app;
        this.credential = credential;
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public synchronized Secret token() {
        Instant now = settings.clock().instant();
        if (cached == null || !now.isBefore(renewAt)) {
            cached = null;
            request(now);
        }
        return cached;
    }

    @Override
    public synchronized void refresh() {
        cached = null;
    }

    @Override
    public AuthScheme scheme() {
        return AuthScheme.BEARER;
    }

    @Override
    public String origin() {
        return "Entra app " + app.clientId() + " (" + app.settings().clientId() + ")";
    }

    private void request(Instant now) {
        HttpResponse<String> response = send();
        if (response.statusCode() != 200 && credential.rereadsOnRefusal() && isInvalidClient(response)) {
            // The secret or certificate may have been rotated since it was cached: read it again, once.
            credential.refresh();
            response = send();
        }
        if (response.statusCode() != 200) {
            throw refusal(response);
        }
        JsonNode answer;
        try {
            answer = JsonTree.parse(response.body());
        } catch (IOException e) {
            throw new EntraException("the token endpoint " + app.tokenEndpoint() + " answered 200 without JSON");
        }
        JsonNode token = answer.path("access_token");
        long lifetime = answer.path("expires_in").asLong(0);
        if (!token.isTextual() || token.asText().isBlank() || lifetime <= 0
                || !"bearer".equalsIgnoreCase(answer.path("token_type").asText())) {
            throw new EntraException("the token endpoint " + app.tokenEndpoint()
                    + " answered 200 without a bearer access_token and its expires_in");
        }
        Duration life = Duration.ofSeconds(lifetime);
        Duration early = RENEW_BEFORE_EXPIRY.compareTo(life.dividedBy(2)) < 0 ? RENEW_BEFORE_EXPIRY : life.dividedBy(2);
        cached = Secret.of(token.asText());
        renewAt = now.plus(life).minus(early);
    }

    /**
     * Posts the token request until an answer not worth retrying arrives, or the project's retry
     * policy says stop; no wait and no request outlasts the invocation's {@link Deadline}.
     */
    private HttpResponse<String> send() {
        RetryPolicy policy = settings.retryPolicy();
        Deadline deadline = Deadline.current();
        for (int attempt = 1; ; attempt++) {
            if (deadline.passed()) {
                throw new DeadlineReachedException("no time left in this invocation to ask " + app.tokenEndpoint()
                        + " for a token; the event is retried later");
            }
            HttpResponse<String> response = null;
            IOException failure = null;
            try {
                response = http.send(request(deadline.cap(settings.requestTimeout())),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EntraException("interrupted while asking " + app.tokenEndpoint() + " for a token");
            }
            if (response != null && !RetryPolicy.isRetryable(response.statusCode())) {
                return response;
            }
            Duration wait = policy.backoff(attempt, response != null && response.statusCode() == 429,
                    settings.jitter().getAsDouble());
            if (!policy.allowsAnotherAttempt(attempt) || !deadline.allows(wait)) {
                if (response != null) {
                    return response;
                }
                throw new EntraException(app.settings().authority() + " (" + app.authority() + "): no answer from"
                        + " the token endpoint after " + attempt + " attempts (" + failure.getClass().getSimpleName()
                        + ")", failure);
            }
            try {
                settings.sleeper().sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EntraException("interrupted while asking " + app.tokenEndpoint() + " for a token");
            }
        }
    }

    private HttpRequest request(Duration timeout) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", app.clientId());
        form.put("scope", EntraApp.AZURE_DEVOPS_SCOPE);
        form.putAll(credential.proof(app));
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(encode(name)).append('=')
                .append(encode(value)));
        return HttpRequest.newBuilder(app.tokenEndpoint())
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("User-Agent", "ado-ec2-lifecycle")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private static boolean isInvalidClient(HttpResponse<String> response) {
        return "invalid_client".equals(errorBody(response).path("error").asText());
    }

    private EntraException refusal(HttpResponse<String> response) {
        JsonNode body = errorBody(response);
        String error = body.path("error").asText("");
        // The description's first line: its code and text, without the trace and correlation ids.
        String description = body.path("error_description").asText("").lines().findFirst().orElse("").strip();
        Optional<Integer> code = aadstsCode(body, description);
        String fix = code.flatMap(this::fixFor).orElse(genericFix(response.statusCode(), error));
        String said = error.isEmpty() ? "HTTP " + response.statusCode()
                : error + (description.isEmpty() ? "" : ": " + printable(description));
        // The fix first: log lines keep only the start of a message.
        return new EntraException(fix + ". Entra refused a token for app " + app.clientId() + " in tenant "
                + app.tenantId() + ": " + said);
    }

    private Optional<String> fixFor(int code) {
        Optional<String> proof = credential.fixFor(code);
        if (proof.isPresent()) {
            return proof;
        }
        return switch (code) {
            case 700016 -> Optional.of(app.settings().clientId() + " (" + app.clientId()
                    + ") names no app in the tenant, or " + app.settings().tenantId() + " names the wrong tenant");
            case 90002, 900023 -> Optional.of(app.settings().tenantId() + " (" + app.tenantId()
                    + ") is no tenant at " + app.settings().authority() + " (" + app.authority() + ")");
            case 7000112 -> Optional.of(app.settings().clientId() + ": the app " + app.clientId()
                    + " is disabled in the tenant");
            default -> Optional.empty();
        };
    }

    private String genericFix(int status, String error) {
        if (status == 404 || error.isEmpty()) {
            return app.settings().authority() + " (" + app.authority() + ") must be the Entra authority of the"
                    + " tenant's cloud, e.g. " + EntraApp.PUBLIC_CLOUD;
        }
        return "check " + app.settings().tenantId() + ", " + app.settings().clientId() + " and the app's credential";
    }

    private static Optional<Integer> aadstsCode(JsonNode body, String description) {
        JsonNode codes = body.path("error_codes");
        if (codes.isArray() && codes.size() > 0 && codes.get(0).canConvertToInt()) {
            return Optional.of(codes.get(0).asInt());
        }
        Matcher match = AADSTS.matcher(description);
        return match.find() ? Optional.of(Integer.parseInt(match.group(1))) : Optional.empty();
    }

    private static JsonNode errorBody(HttpResponse<String> response) {
        try {
            return JsonTree.parse(response.body());
        } catch (IOException notJson) {
            return JsonTree.object();
        }
    }

    private static String printable(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 400 ? clean.substring(0, 400) + "..." : clean;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "EntraTokenSource[" + app.clientId() + " via " + credential + "]";
    }
}
