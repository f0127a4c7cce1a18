package io.adoec2.aws;

import io.adoec2.testing.Ec2Fixtures;
import io.adoec2.testing.LocalAws;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adoec2.aws.call.AwsJsonCall;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SsmTokenSourceTest {

    private static final Duration TTL = Duration.ofMinutes(5);

    private final AwsJsonCall ssm = LocalAws.clients().ssm();
    private final String parameter = "/ado-ec2-lifecycle/" + LocalAws.unique("pat");
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final SsmTokenSource tokens = new SsmTokenSource(ssm, parameter, TTL, clock);

    @Test
    void readsTheDecryptedSecureString() {
        putSecureString(parameter, "pat-one-0123456789");

        assertThat(tokens.token().reveal()).isEqualTo("pat-one-0123456789");
    }

    @Test
    void keepsTheTokenWithinTheTtlAndRereadsAfterIt() {
        putSecureString(parameter, "pat-one-0123456789");
        tokens.token();
        putSecureString(parameter, "pat-two-9876543210");

        clock.advance(TTL.minusSeconds(1));
        assertThat(tokens.token().reveal()).as("within the TTL").isEqualTo("pat-one-0123456789");

        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.token().reveal()).as("at the end of the TTL").isEqualTo("pat-two-9876543210");
    }

    @Test
    void refreshPicksUpARotatedTokenAtOnce() {
        putSecureString(parameter, "pat-one-0123456789");
        tokens.token();
        putSecureString(parameter, "pat-two-9876543210");

        tokens.refresh();

        assertThat(tokens.token().reveal()).isEqualTo("pat-two-9876543210");
    }

    @Test
    void aMissingParameterIsNamedAndNoSecretIsShown() {
        putSecureString(parameter, "pat-one-0123456789");
        String missing = parameter + "-missing";
        SsmTokenSource nowhere = new SsmTokenSource(ssm, missing, TTL, clock);

        assertThatThrownBy(nowhere::token)
                .hasMessageContaining(missing)
                .hasMessageContaining("does not exist")
                .hasMessageNotContaining("pat-one");
    }

    private void putSecureString(String name, String value) {
        ssm.call("PutParameter", AwsJsonCall.request()
                .put("Name", name).put("Value", value).put("Type", "SecureString").put("Overwrite", true));
    }

    private static final class SettableClock extends Clock {
        private Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the token cache only reads instants");
        }
    }
}
