package io.adoec2.aws.call;

import io.adoec2.aws.sign.CredentialsSource;
import io.adoec2.aws.sign.SigV4Signer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service's endpoint, reached with SigV4-signed POSTs: the transport both AWS protocols we
 * speak share. Credentials are resolved per request, so rotated ones are picked up.
 */
public final class SignedPost {

    private final AwsHttp http;
    private final CredentialsSource credentials;
    private final SigV4Signer signer;
    private final Clock clock = Clock.systemUTC();
    private final AwsService service;
    private final URI endpoint;

    public SignedPost(AwsHttp http, CredentialsSource credentials, String region, AwsService service, URI endpoint) {
        this.http = http;
        this.credentials = credentials;
        this.signer = new SigV4Signer(region, service.signingName());
        this.service = service;
        this.endpoint = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty()
                ? endpoint.resolve("/") : endpoint;
    }

    AwsService service() {
        return service;
    }

    /** The operation's name, once it is known to belong to the service this post signs for. */
    String checkedName(AwsOperation operation) {
        if (operation.service() != service) {
            throw new IllegalArgumentException(operation + " is a " + operation.service().displayName()
                    + " operation, not one of " + service.displayName());
        }
        return operation.operationName();
    }

    URI endpoint() {
        return endpoint;
    }

    /** Sends the body; any HTTP status comes back as a response, only transport failures throw. */
    Response send(String contentType, Map<String, String> headers, byte[] body) throws IOException {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("Content-Type", contentType);
        request.putAll(headers);
        request.putAll(signer.sign(endpoint, request, body, credentials.credentials(), clock.instant()));
        AwsHttp.Response response = http.send(new AwsHttp.Request(endpoint, request, body));
        Optional<String> requestId = REQUEST_ID_HEADERS.stream()
                .flatMap(name -> response.header(name).stream())
                .findFirst();
        return new Response(response.status(), response.body(), requestId);
    }

    /** Where AWS puts the request's id: the JSON APIs' header, then the one S3-style services use. */
    private static final List<String> REQUEST_ID_HEADERS = List.of("x-amzn-RequestId", "x-amz-request-id");

    /** @param requestId the id from the answer's headers, when it had one */
    record Response(int status, byte[] body, Optional<String> requestId) {
        private static final int MAX_EXCERPT_CHARS = 300;

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** The start of a body the protocol could not read, for the error message. */
        String excerpt() {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            return text.length() <= MAX_EXCERPT_CHARS ? text : text.substring(0, MAX_EXCERPT_CHARS) + "...";
        }
    }
}
