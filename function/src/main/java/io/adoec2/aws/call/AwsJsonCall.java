package io.adoec2.aws.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adoec2.json.JsonTree;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Calls to an AWS API that speaks the JSON protocol (1.0: DynamoDB; 1.1: SSM): the operation
 * named in the {@code X-Amz-Target} header, a JSON object in and out. Errors come back as
 * {@link AwsCallException} with the service's error code ({@code __type}) and message.
 */
public final class AwsJsonCall {

    /** The protocol versions, as the API models name them; they differ only in the content type. */
    public enum Version {
        JSON_1_0("application/x-amz-json-1.0"),
        JSON_1_1("application/x-amz-json-1.1");

        private final String contentType;

        Version(String contentType) {
            this.contentType = contentType;
        }
    }

    private final SignedPost post;
    private final String contentType;
    private final String targetPrefix;

    /** @param targetPrefix the API's target prefix, such as {@code AmazonSSM} or {@code DynamoDB_20120810} */
    public AwsJsonCall(SignedPost post, Version version, String targetPrefix) {
        this.post = post;
        this.contentType = version.contentType;
        this.targetPrefix = targetPrefix;
    }

    /** An empty request object to fill in. */
    public static ObjectNode request() {
        return JsonTree.object();
    }

    /** Issues one of the operations the adapters use (the set the deployment's IAM grants). */
    public JsonNode call(AwsOperation operation, ObjectNode request) {
        return call(post.checkedName(operation), request);
    }

    /** Any operation by name: for tests and local set-up; the adapters use {@link AwsOperation}. */
    public JsonNode call(String operation, ObjectNode request) {
        byte[] body = JsonTree.writeBytes(request);
        Map<String, String> headers = Map.of("X-Amz-Target", targetPrefix + "." + operation);
        return Retries.call(() -> attempt(operation, headers, body));
    }

    private JsonNode attempt(String operation, Map<String, String> headers, byte[] body) {
        String service = post.service().displayName();
        SignedPost.Response response;
        try {
            response = post.send(contentType, headers, body);
        } catch (IOException e) {
            throw AwsCallException.unreachable(service, operation,
                    "no answer from " + post.endpoint() + ": " + e.getMessage(), e);
        }
        Optional<JsonNode> json = parse(response.body());
        if (response.isSuccess()) {
            return json.orElseThrow(() -> AwsCallException.answered(service, operation, response.status(),
                    "MalformedAnswer", "the answer is not a JSON object", response.requestId()));
        }
        Optional<String> code = json.map(j -> j.path("__type").asText("")).filter(t -> !t.isEmpty());
        if (code.isEmpty()) {
            throw AwsCallException.answered(service, operation, response.status(), "Unknown", response.excerpt(),
                    response.requestId());
        }
        String message = json.map(j -> j.hasNonNull("message") ? j.get("message") : j.path("Message"))
                .map(m -> m.asText("")).orElse("");
        throw AwsCallException.answered(service, operation, response.status(), shortCode(code.get()), message,
                response.requestId());
    }

    /**
     * {@code com.amazonaws.ssm#ParameterNotFound}, {@code ParameterNotFound:...} and
     * {@code com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException} name the code after the last '#'.
     */
    private static String shortCode(String type) {
        String code = type.substring(type.lastIndexOf('#') + 1);
        int colon = code.indexOf(':');
        return colon < 0 ? code : code.substring(0, colon);
    }

    private static Optional<JsonNode> parse(byte[] body) {
        try {
            JsonNode node = JsonTree.parse(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}
