package io.adoec2.azuredevops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RatePacerTest {
    private static final ThrottleHeaders NO_THROTTLE_HEADERS = new ThrottleHeaders(OptionalDouble.empty(),
            OptionalDouble.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    private final FakeTime time = new FakeTime(Instant.parse("2026-11-25T12:00:00Z"));
    private final RatePacer pacer = new RatePacer(time);

    @Test
    void withoutThrottleHeadersNothingWaits() {
        pacer.observe(NO_THROTTLE_HEADERS, time.instant());
        assertThat(pacer.reserve()).isZero();
        assertThat(pacer.reserve()).isZero();
    }

    @Test
    void aLowBudgetSpacesEveryFollowingRequestEvenFromManyThreads() {
        pacer.observe(budget(98, 196), time.instant()); // 98 of 100 used, drained in 196 s: one comes back every 2 s

        assertThat(pacer.reserve()).isEqualTo(Duration.ofSeconds(2));
        // A second caller before the first has even left gets the slot after it.
        assertThat(pacer.reserve()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aRetryAfterHoldsBackEveryCaller() {
        pacer.notBefore(time.instant().plusSeconds(5));

        assertThat(pacer.reserve()).isEqualTo(Duration.ofSeconds(5));
        assertThat(pacer.reserve()).isEqualTo(Duration.ofSeconds(5));
        time.advance(Duration.ofSeconds(5));
        assertThat(pacer.reserve()).isZero();
    }

    @Test
    void aRecoveredBudgetStopsTheSpacing() {
        pacer.observe(budget(100, 200), time.instant()); // all used, drained in 200 s: 2 s apart
        time.advance(Duration.ofSeconds(3));
        pacer.observe(NO_THROTTLE_HEADERS, time.instant());

        assertThat(pacer.reserve()).isZero();
        assertThat(pacer.reserve()).isZero();
    }

    @Test
    void aDelayAlreadyServedByTheServerIsNotWaitedAgain() {
        // Sent 12 s ago, answered now in Azure DevOps' delay phase: nothing remaining, usage gone in 300 s.
        Instant sent = time.instant();
        time.advance(Duration.ofSeconds(12));
        pacer.observe(new ThrottleHeaders(OptionalDouble.of(100), OptionalDouble.of(0),
                Optional.of(time.instant().plusSeconds(300)), Optional.of(Duration.ofSeconds(12)), Optional.empty()), sent);

        assertThat(pacer.reserve()).as("the window frees one every 3 s, and 12 s have passed since the send").isZero();
        assertThat(pacer.reserve()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aSpacingIsCountedFromWhenTheRequestWasSent() {
        Instant sent = time.instant();
        time.advance(Duration.ofSeconds(1));
        pacer.observe(budget(98, 196), sent); // one comes back every 2 s

        assertThat(pacer.reserve()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRetryAfterOnADelayedAnswerHoldsBackEveryCallerThoughItWasA200() {
        // "The response still returns HTTP 200": the wait is the Retry-After, not the delay on top of it.
        Instant sent = time.instant();
        time.advance(Duration.ofSeconds(5));
        pacer.observe(new ThrottleHeaders(OptionalDouble.of(100), OptionalDouble.of(0),
                Optional.of(time.instant().plusSeconds(300)), Optional.of(Duration.ofSeconds(5)),
                Optional.of(Duration.ofSeconds(40))), sent);

        assertThat(pacer.reserve()).isEqualTo(Duration.ofSeconds(40));
        assertThat(pacer.reserve()).isEqualTo(Duration.ofSeconds(43));
    }

    private ThrottleHeaders budget(double used, long resetInSeconds) {
        return new ThrottleHeaders(OptionalDouble.of(100), OptionalDouble.of(100 - used),
                Optional.of(time.instant().plusSeconds(resetInSeconds)), Optional.empty(), Optional.empty());
    }
}
