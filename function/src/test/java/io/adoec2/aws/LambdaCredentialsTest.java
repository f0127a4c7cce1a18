package io.adoec2.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.adoec2.aws.sign.Credentials;
import io.adoec2.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function restored from a SnapStart snapshot has no credentials in its environment: it must
 * take them from the container endpoint Lambda names in AWS_CONTAINER_CREDENTIALS_FULL_URI, with
 * the authorization token Lambda gives beside it. (The environment's own credentials are what every
 * lambda-it test runs with.) The endpoint here answers as the container credentials API does:
 * AccessKeyId, SecretAccessKey, Token and Expiration, the shape the SDK's ContainerCredentialsProvider
 * reads (aws-sdk-java-v2, HttpCredentialsLoader).
 */
class LambdaCredentialsTest {
    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresFirst = new AtomicInteger();
    private HttpServer endpoint;
    private String expiration = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    private int served;

    @BeforeEach
    void start() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/2023-06-01/credentials", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (failuresFirst.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            served++;
            byte[] body = ("{\"AccessKeyId\":\"ASIACONTAINER" + served + "\",\"SecretAccessKey\":\"container-secret\","
                    + "\"Token\":\"container-session\",\"Expiration\":\"" + expiration + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
    }

    @AfterEach
    void stop() {
        endpoint.stop(0);
    }

    private String fullUri() {
        return "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/2023-06-01/credentials";
    }

    private LambdaCredentials credentials() {
        return new LambdaCredentials(properties::get, environment::get);
    }

    @Test
    void theEnvironmentsKeysComeFirst() {
        environment.putAll(Map.of("AWS_ACCESS_KEY_ID", "ASIAENV", "AWS_SECRET_ACCESS_KEY", "env-secret",
                "AWS_SESSION_TOKEN", "env-session", "AWS_CONTAINER_CREDENTIALS_FULL_URI", fullUri()));

        assertThat(credentials().credentials()).isEqualTo(Credentials.of("ASIAENV", "env-secret", "env-session"));
        assertThat(authorizations).as("requests to the container endpoint").isEmpty();
    }

    @Test
    void withoutEnvironmentCredentialsTheContainerEndpointsAreUsed() {
        properties.put("aws.containerCredentialsFullUri", fullUri());
        properties.put("aws.containerAuthorizationToken", "lambda-given-token");

        Credentials credentials = credentials().credentials();

        assertThat(credentials).isEqualTo(Credentials.of("ASIACONTAINER1", "container-secret", "container-session"));
        assertThat(authorizations).containsExactly("lambda-given-token");
    }

    @Test
    void theTokenFileSnapStartNamesIsReadWhenNoTokenIsGivenAndServerFaultsAreRetried(@TempDir Path dir)
            throws IOException {
        Path tokenFile = Files.writeString(dir.resolve("token"), "token-from-file\n");
        environment.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", fullUri());
        environment.put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile.toString());
        failuresFirst.set(2);

        assertThat(credentials().credentials().accessKeyId()).isEqualTo("ASIACONTAINER1");
        assertThat(authorizations).containsExactly("token-from-file", "token-from-file", "token-from-file");
    }

    @Test
    void theRelativeUriIsUnderTheContainerServiceEndpoint() {
        environment.put("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/2023-06-01/credentials");
        properties.put("aws.containerServiceEndpoint", "http://127.0.0.1:" + endpoint.getAddress().getPort());

        assertThat(credentials().credentials().accessKeyId()).isEqualTo("ASIACONTAINER1");
    }

    @Test
    void containerCredentialsAreKeptUntilFifteenMinutesBeforeTheyExpire() {
        environment.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", fullUri());
        Instant expires = Instant.parse("2026-11-30T12:00:00Z");
        expiration = expires.toString();
        MutableClock clock = new MutableClock(expires.minus(Duration.ofMinutes(50)));
        ContainerCredentials container = new ContainerCredentials(properties::get, environment::get, clock);

        assertThat(container.credentials().accessKeyId()).isEqualTo("ASIACONTAINER1");
        clock.advance(Duration.ofMinutes(34)); // 16 minutes before
        assertThat(container.credentials().accessKeyId()).as("still cached").isEqualTo("ASIACONTAINER1");
        clock.advance(Duration.ofMinutes(2)); // 14 minutes before
        assertThat(container.credentials().accessKeyId()).as("fetched again").isEqualTo("ASIACONTAINER2");
        assertThat(authorizations).hasSize(2);

        // A failed refresh keeps the old ones until a minute before they expire, then fails.
        clock.advance(Duration.ofMinutes(9)); // 5 minutes before
        failuresFirst.set(100);
        assertThat(container.credentials().accessKeyId()).isEqualTo("ASIACONTAINER2");
        clock.advance(Duration.ofSeconds(270)); // 30 seconds before
        assertThatThrownBy(container::credentials).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void aFullUriToAnyOtherPlainHttpHostIsRefused() {
        environment.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://192.0.2.1/credentials");

        assertThatThrownBy(() -> credentials().credentials()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be https or name a loopback");
    }

    @Test
    void withNeitherTheErrorNamesBothPlacesLookedAndNoSecret() {
        environment.put("AWS_ACCESS_KEY_ID", "AKIAHALF");

        assertThatThrownBy(() -> credentials().credentials())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not in the environment (AWS_SECRET_ACCESS_KEY is not set)")
                .hasMessageContaining("container endpoint (neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
    }

    @Test
    void anAnswerWithoutASecretIsNamedWithoutTheValuesItHad() {
        expiration = "not a time";
        environment.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", fullUri());

        assertThatThrownBy(() -> credentials().credentials())
                .hasMessageContaining("Expiration that is not an ISO 8601 time")
                .hasMessageNotContaining("container-secret").hasMessageNotContaining("container-session");
    }
}
