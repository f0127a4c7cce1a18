package io.adoec2.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.aws.call.SdkSetting;
import io.adoec2.aws.sign.Credentials;
import io.adoec2.aws.sign.CredentialsSource;
import io.adoec2.json.JsonTree;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Credentials from the container credentials endpoint, read as the AWS SDK for Java 2.57.8's
 * ContainerCredentialsProvider reads them (aws/aws-sdk-java-v2,
 * core/auth/src/main/java/software/amazon/awssdk/auth/credentials/ContainerCredentialsProvider.java and
 * internal/HttpCredentialsLoader.java, read at commit 0173e12 and in the 2.57.8 jar, whose token-file
 * setting that commit predates):
 * <ul>
 * <li>where: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI under AWS_CONTAINER_SERVICE_ENDPOINT
 *     (default http://169.254.170.2), else AWS_CONTAINER_CREDENTIALS_FULL_URI, which must be https or
 *     a host that resolves only to loopback addresses, 169.254.170.2, 169.254.170.23 or fd00:ec2::23;</li>
 * <li>authorization: AWS_CONTAINER_AUTHORIZATION_TOKEN, else the contents of
 *     AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, in the Authorization header;</li>
 * <li>each setting from its system property (aws.containerCredentialsPath, aws.containerServiceEndpoint,
 *     aws.containerCredentialsFullUri, aws.containerAuthorizationToken,
 *     aws.containerAuthorizationTokenFile) before its environment variable, as SdkSystemSetting does;</li>
 * <li>the answer: AccessKeyId, SecretAccessKey, Token, Expiration (ISO 8601);</li>
 * <li>caching: kept until 15 minutes before Expiration (at most an hour), then fetched again; if that
 *     fails the old ones serve until one minute before Expiration, after which the failure is the answer;</li>
 * <li>retries: an attempt that gets no answer or a 5xx is tried again, up to 3 times more.</li>
 * </ul>
 * With SnapStart, Lambda's Java runtime gives the function AWS_CONTAINER_CREDENTIALS_FULL_URI and
 * AWS_CONTAINER_AUTHORIZATION_TOKEN instead of the key variables (AWS Lambda Developer Guide, "Activating
 * and managing Lambda SnapStart", section Credentials: docs.aws.amazon.com/lambda/latest/dg/
 * snapstart-activate.html#snapstart-credentials, read 2026-11-30). Where the endpoint's behaviour is not
 * documented (timeouts), the timeouts here are our choice: 2 s to connect, 5 s to answer.
 */
final class ContainerCredentials implements CredentialsSource {
    private static final String DEFAULT_SERVICE_ENDPOINT = "http://169.254.170.2";
    private static final Set<String> ALLOWED_LINK_LOCAL = Set.of("169.254.170.2", "169.254.170.23");
    private static final Duration PREFETCH_BEFORE_EXPIRY = Duration.ofMinutes(15);
    private static final Duration LONGEST_KEPT = Duration.ofHours(1);
    private static final Duration STALE_BEFORE_EXPIRY = Duration.ofMinutes(1);
    private static final int RETRIES = 3;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final UnaryOperator<String> systemProperties;
    private final UnaryOperator<String> environment;
    private final Clock clock;
    private volatile Cached cached;
    private HttpClient http;

    ContainerCredentials(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        this(systemProperties, environment, Clock.systemUTC());
    }

    ContainerCredentials(UnaryOperator<String> systemProperties, UnaryOperator<String> environment, Clock clock) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.clock = clock;
    }

    private record Cached(Credentials credentials, Instant refreshAt, Instant staleAt) {
    }

    /** @throws IllegalStateException naming the setting or the answer that was wrong; never a secret */
    @Override
    public Credentials credentials() {
        Cached current = cached;
        if (current != null && clock.instant().isBefore(current.refreshAt())) {
            return current.credentials();
        }
        synchronized (this) {
            current = cached;
            Instant now = clock.instant();
            if (current != null && now.isBefore(current.refreshAt())) {
                return current.credentials();
            }
            try {
                cached = load(now);
                return cached.credentials();
            } catch (IllegalStateException e) {
                if (current != null && now.isBefore(current.staleAt())) {
                    return current.credentials();
                }
                throw e;
            }
        }
    }

    private Cached load(Instant now) {
        URI uri = endpoint();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET()
                .header("Accept", "application/json");
        authorization().ifPresent(token -> request.header("Authorization", token));
        HttpResponse<byte[]> response = null;
        IOException failure = null;
        for (int attempt = 0; attempt <= RETRIES; attempt++) {
            try {
                response = http().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                failure = null;
                if (response.statusCode() < 500) {
                    break;
                }
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while asking " + uri + " for credentials",
                        new InterruptedIOException());
            }
        }
        if (failure != null) {
            throw new IllegalStateException("no answer from " + uri + ": " + failure, failure);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered HTTP " + response.statusCode());
        }
        return parse(uri, response.body(), now);
    }

    private static Cached parse(URI uri, byte[] body, Instant now) {
        JsonNode answer;
        try {
            answer = JsonTree.parse(body);
        } catch (IOException e) {
            throw new IllegalStateException(uri + " answered with something that is not JSON");
        }
        if (answer == null || !answer.isObject()) {
            throw new IllegalStateException(uri + " answered with something that is not a JSON object");
        }
        String accessKeyId = required(answer, "AccessKeyId", uri);
        String secretAccessKey = required(answer, "SecretAccessKey", uri);
        String token = answer.path("Token").asText("");
        Instant refreshAt = now.plus(LONGEST_KEPT);
        Instant staleAt = Instant.MAX;
        String expiration = answer.path("Expiration").asText("");
        if (!expiration.isEmpty()) {
            Instant expires;
            try {
                expires = Instant.parse(expiration);
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(uri + " answered an Expiration that is not an ISO 8601 time: "
                        + expiration);
            }
            Instant prefetch = expires.minus(PREFETCH_BEFORE_EXPIRY);
            refreshAt = prefetch.isBefore(refreshAt) ? prefetch : refreshAt;
            staleAt = expires.minus(STALE_BEFORE_EXPIRY);
        }
        return new Cached(Credentials.of(accessKeyId, secretAccessKey, token), refreshAt, staleAt);
    }

    private static String required(JsonNode answer, String field, URI uri) {
        String value = answer.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalStateException(uri + " answered without " + field);
        }
        return value;
    }

    private URI endpoint() {
        String relative = setting("aws.containerCredentialsPath", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        if (relative != null) {
            String base = setting("aws.containerServiceEndpoint", "AWS_CONTAINER_SERVICE_ENDPOINT");
            return uri((base != null ? base : DEFAULT_SERVICE_ENDPOINT) + relative,
                    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        }
        String full = setting("aws.containerCredentialsFullUri", "AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (full == null) {
            throw new IllegalStateException(
                    "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set");
        }
        URI uri = uri(full, "AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !isAllowedHost(uri.getHost())) {
            throw new IllegalStateException("AWS_CONTAINER_CREDENTIALS_FULL_URI " + uri
                    + " must be https or name a loopback or container-endpoint host");
        }
        return uri;
    }

    private static URI uri(String value, String setting) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " does not make a URL: " + value);
        }
    }

    private static boolean isAllowedHost(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress address : addresses) {
                String text = address.getHostAddress();
                if (!address.isLoopbackAddress() && !ALLOWED_LINK_LOCAL.contains(text)
                        && !text.equals("fd00:ec2:0:0:0:0:0:23")) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private Optional<String> authorization() {
        String token = setting("aws.containerAuthorizationToken", "AWS_CONTAINER_AUTHORIZATION_TOKEN");
        if (token != null) {
            return Optional.of(token);
        }
        String file = setting("aws.containerAuthorizationTokenFile", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + file
                    + ": " + e.getClass().getSimpleName());
        }
    }

    private String setting(String property, String variable) {
        return SdkSetting.read(systemProperties, environment, property, variable).map(SdkSetting::value).orElse(null);
    }

    /** Built on first use: an ordinary cold start, whose credentials are in the environment, never needs it. */
    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }
}
