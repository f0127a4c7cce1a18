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
        pacer.observe(NO_THROTTLE_HEADERS);
        assertThat(pacer.reserve()).isZero();
        assertThat(pacer.reserve()).isZero();
    }

    @Test
    void aLowBudgetSpacesEveryFollowingRequestEvenFromManyThreads() {
        pacer.observe(budget(98, 196)); // 98 of 100 used, drained in 196 s: one comes back every 2 s

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
        pacer.observe(budget(100, 200)); // all used, drained in 200 s: 2 s apart
        time.advance(Duration.ofSeconds(3));
        pacer.observe(NO_THROTTLE_HEADERS);

        assertThat(pacer.reserve()).isZero();
        assertThat(pacer.reserve()).isZero();
    }

    @Test
    void aDelayedAnswerHoldsTheNextRequestsBackAtLeastAsLongAsTheServerDid() {
        // A 200 in Azure DevOps' delay phase: nothing remaining, the server already held it 12 s.
        pacer.observe(new ThrottleHeaders(OptionalDouble.of(3500), OptionalDouble.of(0),
                Optional.of(time.instant().plusSeconds(300)), Optional.of(Duration.ofSeconds(12)), Optional.empty()));

        assertThat(pacer.reserve()).isEqualTo(Duration.ofSeconds(12));
        assertThat(pacer.reserve()).isEqualTo(Duration.ofSeconds(24));
    }

    private ThrottleHeaders budget(double used, long resetInSeconds) {
        return new ThrottleHeaders(OptionalDouble.of(100), OptionalDouble.of(100 - used),
                Optional.of(time.instant().plusSeconds(resetInSeconds)), Optional.empty(), Optional.empty());
    }
}
