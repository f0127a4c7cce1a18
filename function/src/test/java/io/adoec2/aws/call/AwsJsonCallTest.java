package io.adoec2.aws.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.adoec2.aws.sign.Credentials;
import io.adoec2.aws.sign.CredentialsSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JSON protocol's wire details moto does not check: the content type of each protocol
 * version, the target header, and DynamoDB's way of naming an error.
 */
class AwsJsonCallTest {

    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private HttpServer server;
    private AwsHttp http;
    private String answer;
    private int status;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.put("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"));
            seen.put("X-Amz-Target", exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            seen.put("Authorization", exchange.getRequestHeaders().getFirst("Authorization"));
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        http = JdkAwsHttp.create();
    }

    @AfterEach
    void stopServer() {
        http.close();
        server.stop(0);
    }

    @Test
    void dynamoDbSpeaksJson10UnderItsTargetPrefixSignedForDynamoDb() {
        answer = "{\"Item\":{\"instanceId\":{\"S\":\"i-1\"}}}";
        status = 200;

        var item = call(AwsService.DYNAMODB, AwsJsonCall.Version.JSON_1_0, "DynamoDB_20120810")
                .call("GetItem", AwsJsonCall.request().put("TableName", "records"));

        assertThat(item.path("Item").path("instanceId").path("S").asText()).isEqualTo("i-1");
        assertThat(seen).containsEntry("Content-Type", "application/x-amz-json-1.0")
                .containsEntry("X-Amz-Target", "DynamoDB_20120810.GetItem")
                .containsEntry("body", "{\"TableName\":\"records\"}");
        assertThat(seen.get("Authorization")).contains("/eu-west-1/dynamodb/aws4_request");
    }

    @Test
    void ssmSpeaksJson11() {
        answer = "{}";
        status = 200;

        call(AwsService.SSM, AwsJsonCall.Version.JSON_1_1, "AmazonSSM").call("GetParameter", AwsJsonCall.request());

        assertThat(seen).containsEntry("Content-Type", "application/x-amz-json-1.1")
                .containsEntry("X-Amz-Target", "AmazonSSM.GetParameter");
    }

    @Test
    void aDynamoDbErrorTypeIsShortenedToItsCode() {
        answer = """
                {"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}""";
        status = 400;

        AwsCallException e = catchThrowableOfType(AwsCallException.class,
                () -> call(AwsService.DYNAMODB, AwsJsonCall.Version.JSON_1_0, "DynamoDB_20120810")
                        .call("PutItem", AwsJsonCall.request()));

        assertThat(e.errorCode()).contains("ConditionalCheckFailedException");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e).hasMessage("DynamoDB PutItem failed: ConditionalCheckFailedException (HTTP 400): "
                + "The conditional request failed");
    }

    private AwsJsonCall call(AwsService service, AwsJsonCall.Version version, String targetPrefix) {
        SignedPost post = new SignedPost(http, CredentialsSource.fixed(Credentials.of("a", "b")),
                "eu-west-1", service, URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        return new AwsJsonCall(post, version, targetPrefix);
    }
}
