package io.adoec2.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

    private final RetryPolicy policy =
            new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(1000), Duration.ofSeconds(60));

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void busyThrottledOrBrokenServersAreRetried(int status) {
        assertThat(RetryPolicy.isRetryable(status)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 204, 400, 401, 403, 404, 409, 501, 505})
    void answersThatWillNotChangeAreNotRetried(int status) {
        assertThat(RetryPolicy.isRetryable(status)).isFalse();
    }

    @Test
    void attemptsAreBounded() {
        assertThat(policy.allowsAnotherAttempt(1)).isTrue();
        assertThat(policy.allowsAnotherAttempt(3)).isTrue();
        assertThat(policy.allowsAnotherAttempt(4)).isFalse();
        assertThat(RetryPolicies.withMaxAttempts(policy, 1).allowsAnotherAttempt(1)).isFalse();
    }

    @Test
    void theBackoffCeilingDoublesUpToTheMaximum() {
        assertThat(policy.ceiling(1, false)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.ceiling(2, false)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.ceiling(3, false)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.ceiling(4, false)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.ceiling(5, false)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.ceiling(500, false)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void throttlingBacksOffFromItsOwnHigherBase() {
        assertThat(policy.ceiling(1, true)).isEqualTo(Duration.ofMillis(300));
        assertThat(policy.ceiling(2, true)).isEqualTo(Duration.ofMillis(600));
        assertThat(policy.ceiling(3, true)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.backoff(1, true, 0.5)).isEqualTo(Duration.ofMillis(150));
        assertThat(RetryPolicy.aws().backoff(1, true, 0.5)).isGreaterThan(RetryPolicy.aws().backoff(1, false, 0.5));
    }

    @Test
    void fullJitterSpreadsTheBackoffFromZeroToTheCeiling() {
        assertThat(policy.backoff(3, 0.0)).isEqualTo(Duration.ZERO);
        assertThat(policy.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(3, 0.999_999)).isLessThan(Duration.ofMillis(400))
                .isGreaterThan(Duration.ofMillis(399));
    }

    @Test
    void aRetryAfterLongerThanTheLimitIsNotWaitedFor() {
        assertThat(policy.accepts(Duration.ofSeconds(60))).isTrue();
        assertThat(policy.accepts(Duration.ofSeconds(61))).isFalse();
    }

    @Test
    void azureDevOpsRetryAftersAreHonouredUpToItsWholeFiveMinuteWindow() {
        RetryPolicy azureDevOps = RetryPolicy.azureDevOps();

        assertThat(azureDevOps.accepts(Duration.ofSeconds(299))).isTrue();
        assertThat(azureDevOps.accepts(Duration.ofSeconds(300))).isTrue();
        assertThat(azureDevOps.accepts(Duration.ofSeconds(301))).isFalse();
    }

    @Test
    void nonsenseSettingsAreRefusedByName() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1)))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("maxDelay");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("baseDelay");
        assertThatThrownBy(() -> policy.backoff(0, 0.5)).hasMessageContaining("start at 1");
    }
}
