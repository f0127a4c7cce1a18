package io.adoec2.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A function restored from a SnapStart snapshot has no credentials in its environment: it must
 * take them from the container endpoint Lambda names in AWS_CONTAINER_CREDENTIALS_FULL_URI, with
 * the authorization token Lambda gives beside it. (The environment's own credentials are what every
 * lambda-it test runs with.) The endpoint here answers as the container credentials API does:
 * AccessKeyId, SecretAccessKey, Token and Expiration, the shape the SDK's ContainerCredentialsProvider
 * reads (aws-sdk-java-v2, HttpCredentialsLoader).
 */
class LambdaCredentialsTest {
    private static final String FULL_URI = "aws.containerCredentialsFullUri";
    private static final String TOKEN = "aws.containerAuthorizationToken";

    private HttpServer endpoint;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void noCredentialsInTheEnvironment() {
        assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null, "this JVM's environment has AWS credentials");
    }

    @AfterEach
    void stop() {
        System.clearProperty(FULL_URI);
        System.clearProperty(TOKEN);
        if (endpoint != null) {
            endpoint.stop(0);
        }
    }

    @Test
    void withoutEnvironmentCredentialsTheContainerEndpointsAreUsed() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String expiration = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        endpoint.createContext("/2023-06-01/credentials", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"AccessKeyId\":\"ASIACONTAINER\",\"SecretAccessKey\":\"container-secret\","
                    + "\"Token\":\"container-session\",\"Expiration\":\"" + expiration + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
        System.setProperty(FULL_URI, "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/2023-06-01/credentials");
        System.setProperty(TOKEN, "lambda-given-token");

        AwsCredentials credentials = new LambdaCredentials().resolveCredentials();

        assertThat(credentials.accessKeyId()).isEqualTo("ASIACONTAINER");
        assertThat(credentials.secretAccessKey()).isEqualTo("container-secret");
        assertThat(credentials).isInstanceOfSatisfying(AwsSessionCredentials.class,
                session -> assertThat(session.sessionToken()).isEqualTo("container-session"));
        assertThat(authorizations).containsExactly("lambda-given-token");
    }

    @Test
    void withNeitherTheErrorNamesBothPlacesLooked() {
        assertThatThrownBy(() -> new LambdaCredentials().resolveCredentials())
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining("not in the environment")
                .hasMessageContaining("container endpoint");
    }
}
