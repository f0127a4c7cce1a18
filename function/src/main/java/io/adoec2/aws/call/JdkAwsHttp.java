package io.adoec2.aws.call;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * AWS requests through java.net.http, the HTTP client the Azure DevOps side already uses: one HTTP
 * stack and one TLS context (the JDK's default SSLContext, which both clients take) in the
 * function instead of the SDK's URLConnection client, which built its own SSLContext and trust
 * managers besides. The answer timeout bounds the whole answer, body included: java.net.http's own
 * request timeout stops at the headers, and the SDK client's socket timeout bounded every read.
 */
public final class JdkAwsHttp implements AwsHttp {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http;
    private final Duration answerTimeout;

    JdkAwsHttp(Duration connectTimeout, Duration answerTimeout) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // HTTP/1.1, as AWS's JSON and Query endpoints speak it; no h2c upgrade on plain http.
                .version(HttpClient.Version.HTTP_1_1)
                // AWS answers a wrong endpoint with an error, not a redirect to follow with our signature.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.answerTimeout = answerTimeout;
    }

    /** Connect within 3 s, answer within 15 s: the function's settings since the SDK's client. */
    public static JdkAwsHttp create() {
        return new JdkAwsHttp(CONNECT_TIMEOUT, ANSWER_TIMEOUT);
    }

    @Override
    public Response send(Request request) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(builder.build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException("no whole answer from " + request.uri() + " within " + answerTimeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("request to " + request.uri() + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            exchange.cancel(true);
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
