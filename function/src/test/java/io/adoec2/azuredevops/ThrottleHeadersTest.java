package io.adoec2.azuredevops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThrottleHeadersTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static ThrottleHeaders parse(Map<String, String> values) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        values.forEach((name, value) -> multi.put(name, List.of(value)));
        return ThrottleHeaders.from(HttpHeaders.of(multi, (name, value) -> true), NOW);
    }

    @Test
    void readsAzureDevOpsRateLimitHeaders() {
        ThrottleHeaders headers = parse(Map.of("X-RateLimit-Limit", "200", "X-RateLimit-Remaining", "12.5",
                "X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 30), "X-RateLimit-Delay", "0.25",
                "Retry-After", "7"));

        assertThat(headers.limit()).hasValue(200);
        assertThat(headers.remaining()).hasValue(12.5);
        assertThat(headers.reset()).contains(NOW.plusSeconds(30));
        assertThat(headers.delay()).contains(Duration.ofMillis(250));
        assertThat(headers.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        assertThat(parse(Map.of("retry-after", "3")).retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(parse(Map.of("x-ratelimit-remaining", "4")).remaining()).hasValue(4);
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        assertThat(parse(Map.of("Retry-After", "Wed, 25 Nov 2026 12:00:09 GMT")).retryAfter())
                .contains(Duration.ofSeconds(9));
        assertThat(parse(Map.of("Retry-After", "Wed, 25 Nov 2026 11:00:00 GMT")).retryAfter())
                .contains(Duration.ZERO);
    }

    @Test
    void garbageCountsAsAbsent() {
        ThrottleHeaders headers = parse(Map.of("Retry-After", "soon", "X-RateLimit-Remaining", "lots",
                "X-RateLimit-Delay", "-1", "X-RateLimit-Limit", "NaN"));

        assertThat(headers.retryAfter()).isEmpty();
        assertThat(headers.remaining()).isEmpty();
        assertThat(headers.delay()).isEmpty();
        assertThat(headers.limit()).isEmpty();
        assertThat(headers.spacing(NOW)).isZero();
    }

    @Test
    void plentyLeftMeansNoSpacing() {
        assertThat(budget(200, 100, 60).spacing(NOW)).isZero();
        assertThat(budget(200, 20, 60).spacing(NOW)).isZero();
    }

    @Test
    void littleLeftPacesRequestsAtTheRateTheBudgetComesBack() {
        // 181 of 200 used (19 left, below 10 %), all drained in 181 s: one comes back every second.
        assertThat(budget(200, 19, 181).spacing(NOW)).isEqualTo(Duration.ofSeconds(1));
        assertThat(budget(200, 0, 20).spacing(NOW)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void spacingIsCappedAndIgnoresAResetInThePast() {
        assertThat(budget(200, 0, 20_000).spacing(NOW)).isEqualTo(ThrottleHeaders.MAX_SPACING);
        assertThat(budget(200, 0, -5).spacing(NOW)).isZero();
    }

    @Test
    void theDelayTheServerAlreadyServedIsNoPartOfTheSpacing() {
        assertThat(parse(Map.of("X-RateLimit-Delay", "1.5")).spacing(NOW)).isZero();
        // As the simulator answers at the end of the delay phase (its Limit: five minutes of 700 a minute):
        // the pace is the window's, 300 s over at least 3500 used, whatever the delay.
        ThrottleHeaders delayed = parse(Map.of("X-RateLimit-Limit", "3500", "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 300), "X-RateLimit-Delay", "30.000"));

        assertThat(delayed.delay()).contains(ThrottleHeaders.LONGEST_DELAY);
        assertThat(delayed.spacing(NOW)).isEqualTo(Duration.ofSeconds(300).dividedBy(3500));
    }

    @Test
    void theDefaultRequestTimeoutOutlastsTheLongestDelay() {
        assertThat(RestClientSettings.defaults().requestTimeout()).isGreaterThan(ThrottleHeaders.LONGEST_DELAY);
    }

    private static ThrottleHeaders budget(double limit, double remaining, long resetInSeconds) {
        return new ThrottleHeaders(java.util.OptionalDouble.of(limit), java.util.OptionalDouble.of(remaining),
                Optional.of(NOW.plusSeconds(resetInSeconds)), Optional.empty(), Optional.empty());
    }
}
