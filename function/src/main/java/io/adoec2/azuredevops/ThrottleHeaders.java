package io.adoec2.azuredevops;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a response says about throttling, read as Microsoft's "Rate and usage limits" documents the headers
 * (https://learn.microsoft.com/en-us/azure/devops/integrate/concepts/rate-limits, "API client experience";
 * MicrosoftDocs/azure-devops-docs docs/integrate/concepts/rate-limits.md, ms.date 09/15/2025, read 2026-11-30):
 * X-RateLimit-Limit (TSTUs allowed before delays), -Remaining (TSTUs left before delays; 0 once delayed or
 * blocked), -Reset (epoch seconds when usage would be back to 0 if all consumption stopped now), -Delay (seconds
 * this request was already held back) and Retry-After (how long to wait before the next request to fall under
 * the threshold; sent on delayed answers, which are 200s, as well as on 429 and 503). Unparseable values count as
 * absent: they are advice, not data.
 */
record ThrottleHeaders(OptionalDouble limit, OptionalDouble remaining, Optional<Instant> reset,
                       Optional<Duration> delay, Optional<Duration> retryAfter) {

    /** Below this share of the limit left, requests are spread over the time until the reset. */
    static final double SLOW_DOWN_BELOW = 0.1;

    /**
     * The longest Azure DevOps holds back one request before answering it ("Delays range from a few
     * milliseconds per request up to 30 seconds":
     * https://learn.microsoft.com/en-us/azure/devops/integrate/concepts/rate-limits, read 2026-11-30).
     */
    static final Duration LONGEST_DELAY = Duration.ofSeconds(30);

    /** Pacing never waits longer between requests than the service itself would delay one. */
    static final Duration MAX_SPACING = LONGEST_DELAY;

    static ThrottleHeaders from(HttpHeaders headers, Instant now) {
        return new ThrottleHeaders(
                number(headers, "X-RateLimit-Limit"),
                number(headers, "X-RateLimit-Remaining"),
                positive(number(headers, "X-RateLimit-Reset")).map(s -> Instant.ofEpochMilli((long) (s * 1000))),
                positive(number(headers, "X-RateLimit-Delay")).map(ThrottleHeaders::seconds),
                headers.firstValue("Retry-After").flatMap(value -> retryAfter(value.strip(), now)));
    }

    /**
     * The gap to leave between the starts of requests from now on: when little of the limit is left, the pace
     * at which the window frees. All the usage counted so far is gone by the reset, so one unit returns every
     * (reset - now) / usage (usage is the limit when nothing remains: at least that much, so this errs slow).
     * X-RateLimit-Delay plays no part: the server has already served that delay by holding the answer.
     */
    Duration spacing(Instant now) {
        Duration pace = Duration.ZERO;
        if (limit.isPresent() && remaining.isPresent() && reset.isPresent() && limit.getAsDouble() > 0
                && remaining.getAsDouble() < limit.getAsDouble() * SLOW_DOWN_BELOW && reset.get().isAfter(now)) {
            long used = Math.max(1, Math.round(limit.getAsDouble() - remaining.getAsDouble()));
            pace = Duration.between(now, reset.get()).dividedBy(used);
        }
        return pace.compareTo(MAX_SPACING) > 0 ? MAX_SPACING : pace;
    }

    /** Retry-After is either delta-seconds or an HTTP date (RFC 9110). */
    static Optional<Duration> retryAfter(String value, Instant now) {
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static OptionalDouble number(HttpHeaders headers, String name) {
        Optional<String> value = headers.firstValue(name);
        if (value.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double parsed = Double.parseDouble(value.get().strip());
            return Double.isFinite(parsed) && parsed >= 0 ? OptionalDouble.of(parsed) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static Optional<Double> positive(OptionalDouble value) {
        return value.isPresent() && value.getAsDouble() > 0 ? Optional.of(value.getAsDouble()) : Optional.empty();
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
