package io.adoec2.cli.simulate;

import java.util.Random;

/**
 * Notifications that never reach the function (SNS gave up, the function was throttled, a
 * subscription was missing for a while): each one is lost with the given probability, from a
 * random stream of its own so the rest of a seeded run stays the same.
 */
final class NotificationLoss {
    private final double rate;
    private final Random random;
    private int lostLaunches;
    private int lostTerminations;

    NotificationLoss(double rate, long seed) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("the lost-event rate must be within 0..1, was " + rate);
        }
        this.rate = rate;
        this.random = new Random(seed ^ 0x1057L);
    }

    /** Whether this notification is lost; counted by kind. */
    boolean lost(boolean launch) {
        if (rate == 0 || random.nextDouble() >= rate) {
            return false;
        }
        if (launch) {
            lostLaunches++;
        } else {
            lostTerminations++;
        }
        return true;
    }

    int lostLaunches() {
        return lostLaunches;
    }

    int lostTerminations() {
        return lostTerminations;
    }
}
