package io.adoec2.aws.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.adoec2.aws.sign.Credentials;
import io.adoec2.aws.sign.CredentialsSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;

/**
 * What arrives at the endpoint is what was signed: the request as a server receives it from
 * java.net.http (its Host, with the port; its headers; its body), signed again by the SDK's signer
 * at the time the request names, must carry the same Authorization. A Host or header the HTTP
 * client wrote differently from what we signed would fail here, as AWS would refuse it.
 */
class SignedPostWireTest {
    /** Headers the SDK's signer writes itself from the request, its clock and its credentials. */
    private static final Set<String> SIGNER_WRITES = Set.of("host", "x-amz-date", "x-amz-security-token",
            "x-amz-content-sha256");

    private record Received(Headers headers, byte[] body) {
    }

    private final AtomicReference<Received> received = new AtomicReference<>();
    private HttpServer server;
    private AwsHttp http;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.set(new Received(exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("x-amzn-RequestId", "wire-1");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        http = JdkAwsHttp.create();
    }

    @AfterEach
    void stop() {
        http.close();
        server.stop(0);
    }

    @Test
    void theRequestAsReceivedVerifiesWithTheSignatureItCarries() throws IOException {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        Credentials credentials = Credentials.of("ASIAWIRE", "wire-secret", "wire-session-token");
        SignedPost post = new SignedPost(http, CredentialsSource.fixed(credentials), "eu-west-1", AwsService.DYNAMODB,
                endpoint);

        SignedPost.Response response = post.send("application/x-amz-json-1.0",
                Map.of("X-Amz-Target", "DynamoDB_20120810.GetItem"), "{\"TableName\":\"t\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.requestId()).contains("wire-1");
        Received request = received.get();
        String authorization = request.headers().getFirst("Authorization");
        assertThat(request.headers().getFirst("Host")).isEqualTo("127.0.0.1:" + server.getAddress().getPort());
        assertThat(authorization).contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;"
                + "x-amz-security-token;x-amz-target");
        assertThat(sdkSignatureOf(request, credentials)).isEqualTo(authorization);
    }

    private String sdkSignatureOf(Received request, Credentials credentials) {
        String signedHeaders = request.headers().getFirst("Authorization").replaceAll(".*SignedHeaders=([^,]+),.*", "$1");
        SdkHttpRequest.Builder again = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://" + request.headers().getFirst("Host") + "/"));
        for (String name : List.of(signedHeaders.split(";"))) {
            if (!SIGNER_WRITES.contains(name)) {
                again.putHeader(name, request.headers().getFirst(name));
            }
        }
        Instant signedAt = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX")
                .parse(request.headers().getFirst("X-Amz-Date"), Instant::from);
        return AwsV4HttpSigner.create().sign(SignRequest.builder(AwsSessionCredentials.create(credentials.accessKeyId(),
                        credentials.secretAccessKey(), request.headers().getFirst("X-Amz-Security-Token")))
                .request(again.build())
                .payload(ContentStreamProvider.fromByteArray(request.body()))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC))
                .build()).request().firstMatchingHeader("Authorization").orElseThrow();
    }
}
