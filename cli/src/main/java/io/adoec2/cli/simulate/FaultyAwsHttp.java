package io.adoec2.cli.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adoec2.aws.call.AwsHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP client under the function's AWS adapters in a chaos run: while a handler runs, DynamoDB
 * answers some requests with throttling errors (a run of one to three, so that some calls fail
 * after the adapter's retries), another writer slips in before some conditional writes, and the
 * invocation dies where {@link Invocations} says. Outside invocations (setting up, reporting) it
 * passes everything through.
 */
final class FaultyAwsHttp implements AwsHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DYNAMODB_TARGET = "DynamoDB_20120810.";
    private static final int LONGEST_THROTTLING_RUN = 3;

    private final AwsHttp http;
    private final Chaos chaos;
    private final Invocations invocations;
    private final CompetingWriter competitor;
    private int throttledStill;

    FaultyAwsHttp(AwsHttp http, Chaos chaos, Invocations invocations, CompetingWriter competitor) {
        this.http = http;
        this.chaos = chaos;
        this.invocations = invocations;
        this.competitor = competitor;
    }

    @Override
    public Response send(Request request) throws IOException {
        if (!invocations.running()) {
            return http.send(request);
        }
        Optional<String> dynamoDbOperation = request.header("X-Amz-Target")
                .filter(target -> target.startsWith(DYNAMODB_TARGET))
                .map(target -> target.substring(DYNAMODB_TARGET.length()));
        invocations.beforeCall();
        if (dynamoDbOperation.isPresent()) {
            Optional<Response> throttled = throttled();
            if (throttled.isPresent()) {
                return throttled.get();
            }
            if (dynamoDbOperation.get().equals("PutItem") && chaos.strikes(FaultKind.CONDITIONAL_WRITE_RACE)
                    && competitor.writeBefore(body(request))) {
                chaos.injected(FaultKind.CONDITIONAL_WRITE_RACE);
            }
        }
        Response response = http.send(request);
        // The answer arrived, but the invocation dies before it reads it: the call's effect stays.
        invocations.afterCall();
        return response;
    }

    @Override
    public void close() {
        http.close();
    }

    /** A throttling answer, as DynamoDB gives it (HTTP 400, the code in {@code __type}), when one is due. */
    private Optional<Response> throttled() {
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
        return Optional.of(new Response(400, Map.of("Content-Type", List.of("application/x-amz-json-1.0"),
                "Content-Length", List.of(Integer.toString(bytes.length))), bytes));
    }

    private static JsonNode body(Request request) throws IOException {
        return request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
    }
}
