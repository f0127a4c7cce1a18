package io.adoec2.azuredevops;

import io.adoec2.observe.InvocationMetrics;
import io.adoec2.retry.Jitter;
import io.adoec2.retry.RetryPolicy;
import io.adoec2.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How the REST client times out, retries and waits. Sleeper, clock and jitter are here so tests
 * run without real waiting and can assert on every delay the client chose.
 *
 * @param connectTimeout time to open a connection
 * @param requestTimeout time for one request to be answered (each attempt separately, and never past the
 *                       invocation's {@link io.adoec2.retry.Deadline})
 * @param retryPolicy    which failures are tried again, how often and after how long
 * @param sleeper        how waits happen
 * @param clock          what "now" is when reading rate-limit reset times and Retry-After dates
 * @param jitter         uniform random values in [0, 1) for backoff jitter
 * @param metrics        where every request's answer, throttling and latency are counted (the function's
 *                       invocation metrics; unread elsewhere)
 */
public record RestClientSettings(Duration connectTimeout, Duration requestTimeout, RetryPolicy retryPolicy,
                                 Sleeper sleeper, Clock clock, DoubleSupplier jitter,
                                 InvocationMetrics metrics) {

    /**
     * Azure DevOps answers a throttled request up to 30 s late rather than refusing it (its "Rate and usage
     * limits" page), so a request must be allowed the longest delay plus the time to serve it: a delayed
     * 200 that timed out would be retried, spending more of the budget that caused the delay.
     */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = ThrottleHeaders.LONGEST_DELAY.plusSeconds(15);

    public RestClientSettings {
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(metrics, "metrics");
    }

    public static RestClientSettings defaults() {
        return new RestClientSettings(Duration.ofSeconds(5), DEFAULT_REQUEST_TIMEOUT, RetryPolicy.azureDevOps(),
                Sleeper.system(), Clock.systemUTC(), Jitter.shared()::next, new InvocationMetrics());
    }

    public RestClientSettings withRequestTimeout(Duration value) {
        return new RestClientSettings(connectTimeout, value, retryPolicy, sleeper, clock, jitter, metrics);
    }

    public RestClientSettings withRetryPolicy(RetryPolicy value) {
        return new RestClientSettings(connectTimeout, requestTimeout, value, sleeper, clock, jitter, metrics);
    }

    public RestClientSettings withSleeper(Sleeper value) {
        return new RestClientSettings(connectTimeout, requestTimeout, retryPolicy, value, clock, jitter, metrics);
    }

    public RestClientSettings withClock(Clock value) {
        return new RestClientSettings(connectTimeout, requestTimeout, retryPolicy, sleeper, value, jitter, metrics);
    }

    public RestClientSettings withJitter(DoubleSupplier value) {
        return new RestClientSettings(connectTimeout, requestTimeout, retryPolicy, sleeper, clock, value, metrics);
    }

    public RestClientSettings withMetrics(InvocationMetrics value) {
        return new RestClientSettings(connectTimeout, requestTimeout, retryPolicy, sleeper, clock, jitter, value);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
