package io.adoec2.azuredevops;

import io.adoec2.retry.Deadline;
import io.adoec2.retry.DeadlineReachedException;
import io.adoec2.retry.RetryPolicy;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sends calls to Azure DevOps: authenticates with the token source's credential, paces requests by the rate-limit
 * headers, retries what is worth retrying, reads the token again once on 401, counts every
 * request (and its answer, throttling and latency in the invocation's metrics), and turns failures
 * into the port's exceptions. The only class that reveals the token.
 * No wait and no request outlasts the invocation's {@link Deadline}: past it, the call fails with
 * {@link DeadlineReachedException} and the event is delivered again later.
 */
final class ApiTransport implements AutoCloseable {
    private final HttpClient http;
    private final TokenSource tokens;
    private final RestClientSettings settings;
    private final RatePacer pacer;
    private final CallCounter counter = new CallCounter();

    ApiTransport(TokenSource tokens, RestClientSettings settings) {
        this.tokens = tokens;
        this.settings = settings;
        this.pacer = new RatePacer(settings.clock(), settings.retryPolicy().maxRetryAfter());
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // HTTP/1.1: no h2c upgrade dance on plain http, and keep-alive pooling is all we need.
                .version(HttpClient.Version.HTTP_1_1)
                // A redirect here is the sign-in page, never somewhere the PAT should follow to.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A 2xx answer. @throws AzureDevOpsException (or a subclass) for anything else */
    ApiResponse send(ApiCall call) {
        Operation operation = call.operation();
        Secret token = tokens.token();
        HttpResponse<String> response = sendWithRetries(call, token);
        if (refusesCredentials(response)) {
            // The PAT may have been rotated, or the access token revoked, since it was cached: get it again, once.
            tokens.refresh();
            token = tokens.token();
            response = sendWithRetries(call, token);
            if (refusesCredentials(response)) {
                throw ErrorDecoder.refused(operation, response.statusCode(), response.body(), token, tokens.scheme(),
                        tokens.origin());
            }
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw ErrorDecoder.fromStatus(operation, status, response.body(), 1, token);
        }
        return new ApiResponse(operation, status, response.headers(), response.body());
    }

    Map<String, Long> callsByOperation() {
        return counter.snapshot();
    }

    @Override
    public void close() {
        http.close();
    }

    /** Sends until an answer that is not worth retrying arrives, or the policy says stop. */
    private HttpResponse<String> sendWithRetries(ApiCall call, Secret token) {
        Operation operation = call.operation();
        RetryPolicy policy = settings.retryPolicy();
        Deadline deadline = Deadline.current();
        for (int attempt = 1; ; attempt++) {
            pause(operation, pacer.reserve(), deadline);
            Duration timeout = deadline.cap(settings.requestTimeout());
            if (timeout.isZero()) {
                throw pastDeadline(operation, "sending attempt " + attempt, deadline);
            }
            counter.count(operation);
            Instant sentAt = settings.clock().instant();
            HttpResponse<String> response;
            long sent = System.nanoTime();
            try {
                response = http.send(request(call, token, timeout), HttpResponse.BodyHandlers.ofString());
            } catch (IOException failure) {
                settings.metrics().azureDevOpsUnanswered(millisSince(sent));
                // Connection refused or dropped, or a timeout: none of our calls changes state twice.
                if (!policy.allowsAnotherAttempt(attempt) || deadline.passed()) {
                    throw ErrorDecoder.noAnswer(operation, failure, attempt, token);
                }
                pause(operation, policy.backoff(attempt, false, settings.jitter().getAsDouble()), deadline);
                continue;
            } catch (InterruptedException e) {
                throw interrupted(operation);
            }
            ThrottleHeaders throttle = ThrottleHeaders.from(response.headers(), settings.clock().instant());
            pacer.observe(throttle, sentAt);
            int status = response.statusCode();
            settings.metrics().azureDevOpsAnswered(status, throttle.delay().isPresent(), millisSince(sent));
            if (!RetryPolicy.isRetryable(status)) {
                return response;
            }
            if (!policy.allowsAnotherAttempt(attempt)) {
                throw ErrorDecoder.fromStatus(operation, status, response.body(), attempt, token);
            }
            Optional<Duration> retryAfter = status == 429 || status == 503 ? throttle.retryAfter() : Optional.empty();
            if (retryAfter.isPresent()) {
                if (!policy.accepts(retryAfter.get())) {
                    throw ErrorDecoder.retryAfterTooLong(operation, status, retryAfter.get().toSeconds(), token);
                }
                if (!deadline.allows(retryAfter.get())) {
                    throw pastDeadline(operation, "waiting out Azure DevOps' Retry-After of "
                            + retryAfter.get().toSeconds() + " s", deadline);
                }
                // The pacer has it (observe): every thread of this client holds back, not only this one.
            } else {
                pause(operation, policy.backoff(attempt, status == 429, settings.jitter().getAsDouble()), deadline);
            }
        }
    }

    /** Real time, not the settings' clock: latency is what the request took, also where time is simulated. */
    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    private HttpRequest request(ApiCall call, Secret token, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri())
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", tokens.scheme().header(token))
                // Ask for a plain 401 instead of a redirect to the interactive sign-in page.
                .header("X-TFS-FedAuthRedirect", "Suppress")
                .header("User-Agent", "ado-ec2-lifecycle");
        if (call.jsonBody().isPresent()) {
            builder.header("Content-Type", "application/json")
                    .method(call.operation().method(), HttpRequest.BodyPublishers.ofString(call.jsonBody().get()));
        } else {
            builder.method(call.operation().method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    /** 401, or the sign-in page Azure DevOps serves instead (203, or a redirect to it). */
    private static boolean refusesCredentials(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 401 || status == 203) {
            return true;
        }
        return status >= 300 && status < 400 && response.headers().firstValue("Location")
                .map(location -> location.toLowerCase(Locale.ROOT).contains("signin"))
                .orElse(false);
    }

    private void pause(Operation operation, Duration duration, Deadline deadline) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        if (!deadline.allows(duration)) {
            throw pastDeadline(operation, "waiting " + duration.toMillis() + " ms before the next request", deadline);
        }
        try {
            settings.sleeper().sleep(duration);
        } catch (InterruptedException e) {
            throw interrupted(operation);
        }
    }

    private static DeadlineReachedException pastDeadline(Operation operation, String what, Deadline deadline) {
        return new DeadlineReachedException(operation.id() + " stopped: " + what + " would pass the invocation's "
                + "deadline (" + deadline.remaining().toMillis() + " ms left); the event is retried later");
    }

    private static AzureDevOpsException interrupted(Operation operation) {
        Thread.currentThread().interrupt();
        return new AzureDevOpsException(operation.id(), 0, operation.id() + " was interrupted");
    }
}
