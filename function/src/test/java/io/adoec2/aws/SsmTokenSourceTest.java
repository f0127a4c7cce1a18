package io.adoec2.aws;

import io.adoec2.testing.Ec2Fixtures;
import io.adoec2.testing.LocalAws;
import io.adoec2.testing.MutableClock;
import io.adoec2.testing.SsmFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adoec2.aws.call.AwsJsonCall;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SsmTokenSourceTest {

    private static final Duration TTL = Duration.ofMinutes(5);

    private final AwsJsonCall ssm = LocalAws.clients().ssm();
    private final String parameter = "/ado-ec2-lifecycle/" + LocalAws.unique("pat");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final SsmTokenSource tokens = new SsmTokenSource(ssm, parameter, TTL, clock);

    @Test
    void readsTheDecryptedSecureString() {
        SsmFixtures.putSecureString(LocalAws.clients(), parameter, "pat-one-0123456789");

        assertThat(tokens.token().reveal()).isEqualTo("pat-one-0123456789");
    }

    @Test
    void keepsTheTokenWithinTheTtlAndRereadsAfterIt() {
        SsmFixtures.putSecureString(LocalAws.clients(), parameter, "pat-one-0123456789");
        tokens.token();
        SsmFixtures.putSecureString(LocalAws.clients(), parameter, "pat-two-9876543210");

        clock.advance(TTL.minusSeconds(1));
        assertThat(tokens.token().reveal()).as("within the TTL").isEqualTo("pat-one-0123456789");

        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.token().reveal()).as("at the end of the TTL").isEqualTo("pat-two-9876543210");
    }

    @Test
    void refreshPicksUpARotatedTokenAtOnce() {
        SsmFixtures.putSecureString(LocalAws.clients(), parameter, "pat-one-0123456789");
        tokens.token();
        SsmFixtures.putSecureString(LocalAws.clients(), parameter, "pat-two-9876543210");

        tokens.refresh();

        assertThat(tokens.token().reveal()).isEqualTo("pat-two-9876543210");
    }

    @Test
    void aMissingParameterIsNamedAndNoSecretIsShown() {
        SsmFixtures.putSecureString(LocalAws.clients(), parameter, "pat-one-0123456789");
        String missing = parameter + "-missing";
        SsmTokenSource nowhere = new SsmTokenSource(ssm, missing, TTL, clock);

        assertThatThrownBy(nowhere::token)
                .hasMessageContaining(missing)
                .hasMessageContaining("does not exist")
                .hasMessageNotContaining("pat-one");
    }

}
