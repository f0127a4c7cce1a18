package io.adoec2.azuredevops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.testing.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final Fixture fixture = new Fixture(SimulatorOptions.defaults().withClock(clock));
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
    void overTheLimitARequestIsBlockedWith429AndRetryAfterUntilTheWindowSlides() {
        fixture.simulator.rateLimit(new RateLimit(3));
        HttpResponse<String> first = fixture.alice.get(path);
        clock.advance(Duration.ofSeconds(20));
        fixture.alice.get(path);
        HttpResponse<String> third = fixture.alice.get(path);
        clock.advance(Duration.ofSeconds(10));

        HttpResponse<String> blocked = fixture.alice.get(path);

        assertThat(first.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
        assertThat(first.headers().firstValue("X-RateLimit-Remaining")).hasValue("2");
        assertThat(third.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).as("first request leaves the window at 12:01:00")
                .hasValue("30");
        assertThat(blocked.headers().firstValue("X-RateLimit-Resource")).isPresent();
        assertThat(blocked.headers().firstValue("X-RateLimit-Delay")).isPresent();
        assertThat(blocked.headers().firstValue("X-RateLimit-Reset"))
                .hasValue(Long.toString(Instant.parse("2026-11-25T12:01:20Z").getEpochSecond()));
        assertThat(Http.json(blocked).get("message").asText()).startsWith("TF400733");

        clock.advance(Duration.ofSeconds(30));
        HttpResponse<String> afterWait = fixture.alice.get(path);
        assertThat(afterWait.statusCode()).isEqualTo(200);
        assertThat(afterWait.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
    }

    @Test
    void eachIdentityHasItsOwnBudget() {
        fixture.organization.addPat("bob-pat", "Bob");
        Http bob = Http.withPat(fixture.simulator.baseUri(), "bob-pat");
        fixture.simulator.rateLimit(new RateLimit(1));

        fixture.alice.get(path);

        assertThat(fixture.alice.get(path).statusCode()).isEqualTo(429);
        assertThat(bob.get(path).statusCode()).isEqualTo(200);
        assertThat(fixture.simulator.calls().all()).extracting(Call::identity, Call::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Alice", 200), org.assertj.core.groups.Tuple.tuple("Alice", 429),
                org.assertj.core.groups.Tuple.tuple("Bob", 200));
    }

    @Test
    void turningTheLimitOffStopsBlocking() {
        fixture.simulator.rateLimit(new RateLimit(1));
        fixture.alice.get(path);
        fixture.simulator.rateLimit(null);

        HttpResponse<String> response = fixture.alice.get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).isEmpty();
    }
}
