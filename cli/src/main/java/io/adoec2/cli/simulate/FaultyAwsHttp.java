package io.adoec2.cli.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The HTTP client under the function's AWS adapters in a chaos run: while a handler runs, DynamoDB
 * answers some requests with throttling errors (a run of one to three, so that some calls fail
 * after the adapter's retries), another writer slips in before some conditional writes, and the
 * invocation dies where {@link Invocations} says. Outside invocations (setting up, reporting) it
 * passes everything through.
 */
final class FaultyAwsHttp implements SdkHttpClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DYNAMODB_TARGET = "DynamoDB_20120810.";
    private static final int LONGEST_THROTTLING_RUN = 3;

    private final SdkHttpClient http;
    private final Chaos chaos;
    private final Invocations invocations;
    private final CompetingWriter competitor;
    private int throttledStill;

    FaultyAwsHttp(SdkHttpClient http, Chaos chaos, Invocations invocations, CompetingWriter competitor) {
        this.http = http;
        this.chaos = chaos;
        this.invocations = invocations;
        this.competitor = competitor;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest real = http.prepareRequest(request);
        if (!invocations.running()) {
            return real;
        }
        Optional<String> dynamoDbOperation = request.httpRequest().firstMatchingHeader("X-Amz-Target")
                .filter(target -> target.startsWith(DYNAMODB_TARGET))
                .map(target -> target.substring(DYNAMODB_TARGET.length()));
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                invocations.beforeCall();
                if (dynamoDbOperation.isPresent()) {
                    Optional<HttpExecuteResponse> throttled = throttled();
                    if (throttled.isPresent()) {
                        return throttled.get();
                    }
                    if (dynamoDbOperation.get().equals("PutItem") && chaos.strikes(FaultKind.CONDITIONAL_WRITE_RACE)
                            && competitor.writeBefore(body(request))) {
                        chaos.injected(FaultKind.CONDITIONAL_WRITE_RACE);
                    }
                }
                HttpExecuteResponse response = real.call();
                try {
                    invocations.afterCall();
                } catch (InvocationDied died) {
                    response.responseBody().ifPresent(FaultyAwsHttp::closeQuietly);
                    throw died;
                }
                return response;
            }

            @Override
            public void abort() {
                real.abort();
            }
        };
    }

    @Override
    public void close() {
        http.close();
    }

    /** A throttling answer, as DynamoDB gives it (HTTP 400, the code in {@code __type}), when one is due. */
    private Optional<HttpExecuteResponse> throttled() {
        if (throttledStill == 0 && chaos.strikes(FaultKind.DYNAMODB_THROTTLED)) {
            throttledStill = chaos.oneOf(FaultKind.DYNAMODB_THROTTLED, 1, LONGEST_THROTTLING_RUN);
        }
        if (throttledStill == 0) {
            return Optional.empty();
        }
        throttledStill--;
        chaos.injected(FaultKind.DYNAMODB_THROTTLED);
        String body = throttledStill % 2 == 0
                ? "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                        + "\"message\":\"The level of configured provisioned throughput for the table was exceeded. "
                        + "Consider increasing your provisioning level with the UpdateTable API.\"}"
                : "{\"__type\":\"com.amazon.coral.availability#ThrottlingException\","
                        + "\"message\":\"Rate of requests exceeds the allowed throughput.\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return Optional.of(HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder().statusCode(400)
                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("Content-Length", Integer.toString(bytes.length))
                        .build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                .build());
    }

    private static JsonNode body(HttpExecuteRequest request) throws IOException {
        if (request.contentStreamProvider().isEmpty()) {
            return JSON.createObjectNode();
        }
        try (InputStream in = request.contentStreamProvider().get().newStream()) {
            return JSON.readTree(in);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // The invocation is dying; its connection goes with it.
        }
    }
}
