package io.adoec2.aws.call;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Calls to an AWS API that speaks the Query protocol (EC2, Auto Scaling): form-encoded
 * {@code Action=...&Version=...&...} in, XML out. Errors come back as {@link AwsCallException}
 * with the service's error code and message.
 */
public final class AwsQueryCall {

    private static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";

    private final SignedPost post;
    private final String apiVersion;

    public AwsQueryCall(SignedPost post, String apiVersion) {
        this.post = post;
        this.apiVersion = apiVersion;
    }

    /**
     * Performs the action with the given parameters, already flattened the Query way
     * ({@code Filter.1.Name}, {@code Filter.1.Value.1}, ...), and returns the answer's root element.
     */
    public XmlNode call(AwsOperation action, Map<String, String> parameters) {
        return call(post.checkedName(action), parameters);
    }

    /** Any action by name: for tests and local set-up; the adapters use {@link AwsOperation}. */
    public XmlNode call(String action, Map<String, String> parameters) {
        byte[] body = formBody(action, parameters);
        return Retries.call(() -> attempt(action, body));
    }

    private XmlNode attempt(String action, byte[] body) {
        String service = post.service().displayName();
        SignedPost.Response response;
        try {
            response = post.send(CONTENT_TYPE, Map.of(), body);
        } catch (IOException e) {
            throw AwsCallException.unreachable(service, action,
                    "no answer from " + post.endpoint() + ": " + e.getMessage(), e);
        }
        XmlNode answer = null;
        String notXml = null;
        try {
            answer = XmlNode.parse(response.body());
        } catch (IOException e) {
            notXml = e.getMessage();
        }
        Optional<XmlNode> xml = Optional.ofNullable(answer);
        // EC2 names the request in the body (<RequestID>), the other Query APIs in <RequestId>.
        Optional<String> requestId = response.requestId().or(() -> xml.flatMap(root -> root.text("RequestID")
                .or(() -> root.text("RequestId"))));
        if (response.isSuccess()) {
            if (answer == null) {
                // The reader names what it met and where, never the answer's text (it may hold a token).
                throw AwsCallException.answered(service, action, response.status(), "MalformedAnswer",
                        "the answer is " + notXml, requestId);
            }
            return answer;
        }
        // EC2 wraps errors as <Response><Errors><Error>, the other Query APIs as <ErrorResponse><Error>.
        Optional<XmlNode> error = xml.flatMap(root -> root.child("Errors").flatMap(e -> e.child("Error"))
                .or(() -> root.child("Error")));
        if (error.isPresent()) {
            throw AwsCallException.answered(service, action, response.status(),
                    error.get().text("Code").orElse("Unknown"), error.get().text("Message").orElse(""), requestId);
        }
        throw AwsCallException.answered(service, action, response.status(), "Unknown", response.excerpt(), requestId);
    }

    private byte[] formBody(String action, Map<String, String> parameters) {
        StringBuilder form = new StringBuilder("Action=").append(encode(action))
                .append("&Version=").append(encode(apiVersion));
        parameters.forEach((name, value) -> form.append('&').append(encode(name)).append('=').append(encode(value)));
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

}
