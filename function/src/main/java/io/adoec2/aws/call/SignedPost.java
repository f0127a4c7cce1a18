package io.adoec2.aws.call;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;

/**
 * One service's endpoint, reached with SigV4-signed POSTs: the transport both AWS protocols we
 * speak share. Credentials are resolved per request, so rotated ones are picked up.
 */
public final class SignedPost {

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final AwsService service;
    private final URI endpoint;

    public SignedPost(SdkHttpClient http, AwsCredentialsProvider credentials, Region region,
                      AwsService service, URI endpoint) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.service = service;
        this.endpoint = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty()
                ? endpoint.resolve("/") : endpoint;
    }

    AwsService service() {
        return service;
    }

    URI endpoint() {
        return endpoint;
    }

    /** Sends the body; any HTTP status comes back as a response, only transport failures throw. */
    Response send(String contentType, Map<String, String> headers, byte[] body) throws IOException {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Length", Integer.toString(body.length));
        headers.forEach(request::putHeader);
        SignedRequest signed = SIGNER.sign(SignRequest.builder(credentials.resolveCredentials())
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service.signingName())
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                .build());
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                        .request(signed.request())
                        .contentStreamProvider(signed.payload().orElse(null))
                        .build())
                .call();
        byte[] responseBody;
        if (response.responseBody().isPresent()) {
            try (InputStream in = response.responseBody().get()) {
                responseBody = in.readAllBytes();
            }
        } else {
            responseBody = new byte[0];
        }
        Optional<String> requestId = REQUEST_ID_HEADERS.stream()
                .flatMap(name -> response.httpResponse().firstMatchingHeader(name).stream())
                .findFirst();
        return new Response(response.httpResponse().statusCode(), responseBody, requestId);
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
