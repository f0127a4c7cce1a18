package io.adoec2.aws.call;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * AWS requests through java.net.http, the HTTP client the Azure DevOps side already uses: one HTTP
 * stack and one TLS context (the JDK's default SSLContext, which both clients take) in the
 * function instead of the SDK's URLConnection client, which built its own SSLContext and trust
 * managers besides. The request timeout bounds the wait for the answer's headers, as the SDK
 * client's socket timeout bounded each read before.
 */
public final class JdkAwsHttp implements AwsHttp {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http;
    private final Duration requestTimeout;

    private JdkAwsHttp(HttpClient http, Duration requestTimeout) {
        this.http = http;
        this.requestTimeout = requestTimeout;
    }

    /** Connect within 3 s, answer within 15 s: the function's settings since the SDK's client. */
    public static JdkAwsHttp create() {
        return new JdkAwsHttp(HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                // HTTP/1.1, as AWS's JSON and Query endpoints speak it; no h2c upgrade on plain http.
                .version(HttpClient.Version.HTTP_1_1)
                // AWS answers a wrong endpoint with an error, not a redirect to follow with our signature.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(), REQUEST_TIMEOUT);
    }

    @Override
    public Response send(Request request) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(requestTimeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        HttpResponse<byte[]> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + request.uri());
        }
        return new Response(response.statusCode(), response.headers().map(), response.body());
    }

    @Override
    public void close() {
        http.close();
    }
}
