package io.adoec2.azuredevops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.testing.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The documented model: a sliding five-minute window, delayed answers past the limit, then 429. A delay
 * passes on the test's clock, as it does on a virtual clock, so the tests take no wall time.
 */
class RateLimitTest {

    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
    private final MutableClock clock = new MutableClock(START);
    private final Fixture fixture = new Fixture(SimulatorOptions.defaults().withClock(clock).withPause(clock::advance));
    private final String path = "/fabrikam/_apis/projects?" + Fixture.RELEASED;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void offByDefaultWithoutRateLimitHeaders() {
        HttpResponse<String> response = fixture.alice.get(path);

        assertThat(response.headers().firstValue("X-RateLimit-Limit")).isEmpty();
    }

    @Test
    void theLimitIsFiveMinutesOfTheRateAndWithinItNothingIsDelayed() {
        fixture.simulator.rateLimit(new RateLimit(1));

        HttpResponse<String> first = fixture.alice.get(path);
        for (int i = 0; i < 3; i++) {
            fixture.alice.get(path);
        }
        HttpResponse<String> fifth = fixture.alice.get(path);

        assertThat(first.headers().firstValue("X-RateLimit-Limit")).hasValue("5");
        assertThat(first.headers().firstValue("X-RateLimit-Remaining")).hasValue("4");
        assertThat(fifth.statusCode()).isEqualTo(200);
        assertThat(fifth.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(fifth.headers().firstValue("X-RateLimit-Delay")).as("sent only once requests are delayed").isEmpty();
        assertThat(fifth.headers().firstValue("Retry-After")).isEmpty();
        assertThat(clock.instant()).as("no request was held back").isEqualTo(START);
    }

    @Test
    void pastTheLimitRequestsAreAnsweredLateUpToThirtySecondsThenRefusedWith429() {
        fixture.simulator.rateLimit(new RateLimit(1));
        for (int i = 0; i < 5; i++) {
            fixture.alice.get(path);
        }

        HttpResponse<String> sixth = fixture.alice.get(path);
        Instant afterSixth = clock.instant();
        HttpResponse<String> seventh = fixture.alice.get(path);
        Instant afterSeventh = clock.instant();
        HttpResponse<String> blocked = fixture.alice.get(path);

        assertThat(sixth.statusCode()).isEqualTo(200);
        assertThat(sixth.headers().firstValue("X-RateLimit-Delay")).hasValue("15.000");
        assertThat(sixth.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(sixth.headers().firstValue("Retry-After")).as("a delayed 200 says when usage is under the limit "
                + "again, counted from when it is answered").hasValue("285");
        assertThat(afterSixth).as("the answer came 15 s late").isEqualTo(START.plusSeconds(15));
        assertThat(seventh.statusCode()).isEqualTo(200);
        assertThat(seventh.headers().firstValue("X-RateLimit-Delay")).hasValue("30.000");
        assertThat(afterSeventh).isEqualTo(START.plusSeconds(45));

        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(clock.instant()).as("a refusal is not delayed").isEqualTo(afterSeventh);
        assertThat(blocked.headers().firstValue("Retry-After")).as("three requests leave the window at 12:05:00")
                .hasValue(Long.toString(Duration.ofMinutes(5).minusSeconds(45).toSeconds()));
        assertThat(blocked.headers().allValues("Retry-After")).hasSize(1);
        assertThat(blocked.headers().firstValue("X-RateLimit-Resource")).isPresent();
        assertThat(blocked.headers().firstValue("X-RateLimit-Reset")).as("when the last counted request leaves")
                .hasValue(Long.toString(START.plusSeconds(30 + 15 + 300 - 30).getEpochSecond()));
        assertThat(Http.json(blocked).get("message").asText()).startsWith("TF400733");
    }

    @Test
    void theWindowSlidesFreeingUsageAsOldRequestsLeaveIt() {
        fixture.simulator.rateLimit(new RateLimit(1));
        for (int i = 0; i < 7; i++) {
            fixture.alice.get(path);
        }
        // Six requests arrived at 12:00:00 (the sixth answered 15 s late), the seventh at 12:00:15.
        clock.advance(Duration.between(clock.instant(), START.plus(RateLimit.WINDOW).minusSeconds(1)));
        HttpResponse<String> stillFull = fixture.alice.get(path);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> afterSixLeft = fixture.alice.get(path);

        assertThat(stillFull.statusCode()).isEqualTo(429);
        assertThat(stillFull.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(afterSixLeft.statusCode()).isEqualTo(200);
        assertThat(afterSixLeft.headers().firstValue("X-RateLimit-Delay")).isEmpty();
        assertThat(afterSixLeft.headers().firstValue("X-RateLimit-Remaining")).as("the seventh and this one")
                .hasValue("3");
    }

    @Test
    void retryAfterIsWhenEnoughUsageHasLeftTheWindowForTheNextRequestNotToBeDelayed() {
        fixture.simulator.rateLimit(new RateLimit(1)); // limit 5, refused from 7
        for (int i = 0; i < 5; i++) {
            fixture.alice.get(path); // 12:00:00, 12:00:10, ... 12:00:40
            clock.advance(Duration.ofSeconds(10));
        }

        HttpResponse<String> delayed = fixture.alice.get(path); // at 12:00:50, the sixth: two must leave; 15 s late
        HttpResponse<String> seventh = fixture.alice.get(path);
        HttpResponse<String> blocked = fixture.alice.get(path);

        assertThat(delayed.statusCode()).isEqualTo(200);
        assertThat(delayed.headers().firstValue("Retry-After")).as("the second request leaves at 12:05:10")
                .hasValue(Long.toString(Duration.ofMinutes(5).plusSeconds(10).minusSeconds(50 + 15).toSeconds()));
        assertThat(seventh.statusCode()).isEqualTo(200);
        assertThat(blocked.statusCode()).isEqualTo(429);
        Instant now = clock.instant();
        assertThat(blocked.headers().firstValue("Retry-After")).as("the third request leaves at 12:05:20")
                .hasValue(Long.toString(Duration.between(now, START.plusSeconds(320)).toSeconds()));
    }

    @Test
    void eachIdentityHasItsOwnBudget() {
        fixture.organization.addPat("bob-pat", "Bob");
        Http bob = Http.withPat(fixture.simulator.baseUri(), "bob-pat");
        fixture.simulator.rateLimit(new RateLimit(1));
        for (int i = 0; i < 7; i++) {
            fixture.alice.get(path);
        }

        assertThat(fixture.alice.get(path).statusCode()).isEqualTo(429);
        HttpResponse<String> bobs = bob.get(path);
        assertThat(bobs.statusCode()).isEqualTo(200);
        assertThat(bobs.headers().firstValue("X-RateLimit-Remaining")).hasValue("4");
        assertThat(fixture.simulator.calls().all()).extracting(Call::identity, Call::status).endsWith(
                Tuple.tuple("Alice", 200), Tuple.tuple("Alice", 429), Tuple.tuple("Bob", 200));
    }

    @Test
    void turningTheLimitOffStopsDelaysAndRefusals() {
        fixture.simulator.rateLimit(new RateLimit(1));
        for (int i = 0; i < 7; i++) {
            fixture.alice.get(path);
        }
        fixture.simulator.rateLimit(null);
        Instant before = clock.instant();

        HttpResponse<String> response = fixture.alice.get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).isEmpty();
        assertThat(clock.instant()).isEqualTo(before);
    }

    @Test
    void delayGrowsLinearlyThroughTheDelayPhase() {
        RateLimit limit = new RateLimit(100);

        assertThat(limit.limit()).isEqualTo(500);
        assertThat(limit.blockedAt()).isEqualTo(750);
        assertThat(limit.delayAt(500)).isZero();
        assertThat(limit.delayAt(501)).isEqualTo(Duration.ofMillis(120));
        assertThat(limit.delayAt(625)).isEqualTo(Duration.ofSeconds(15));
        assertThat(limit.delayAt(750)).isEqualTo(RateLimit.LONGEST_DELAY);
    }
}
