package io.adoec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The next look lands on the re-check interval's grid, so looks at held instances fall together. */
class HookHoldsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:12:43.250Z"));
    private final HookHolds holds = new HookHolds(null, null, HookSettings.defaults(), clock);

    @Test
    void looksFallOnTheNextTickOfTheThirtySecondGridInWholeSeconds() {
        assertThat(holds.untilNextLook()).as("09:12:43.25 to 09:13:00, rounded up").isEqualTo(Duration.ofSeconds(17));
        clock.advance(Duration.ofMillis(16_749));
        assertThat(holds.untilNextLook()).as("09:12:59.999: the tick a millisecond away").isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(holds.untilNextLook()).as("on a tick: the next one, never a look at once").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void instancesSeenAtDifferentMomentsAreLookedAtTogetherAndNeverLaterThanTheInterval() {
        Instant tick = Instant.parse("2026-11-25T09:13:00Z");
        for (int seen = 0; seen < 3; seen++) { // at 09:12:43.25, :50.25 and :57.25
            Duration wait = holds.untilNextLook();
            assertThat(wait).isPositive().isLessThanOrEqualTo(HookSettings.defaults().recheckInterval());
            assertThat(Duration.between(tick, clock.instant().plus(wait))).as("due at the tick, within SQS's second")
                    .isBetween(Duration.ZERO, Duration.ofSeconds(1));
            clock.advance(Duration.ofSeconds(7));
        }
    }
}
