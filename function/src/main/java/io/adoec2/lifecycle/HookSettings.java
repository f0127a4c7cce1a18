package io.adoec2.lifecycle;

import java.time.Duration;

/**
 * How long instances are held and how often they are looked at.
 *
 * @param registrationTimeout how long a launching instance may take to show up online before it is abandoned
 * @param drainLimit          how long a terminating instance's running job may keep it
 * @param recheckInterval     the delay between two looks at a held instance
 * @param heartbeatTimeout    the hooks' heartbeat timeout as configured on the group; we heartbeat
 *                            when a quarter of it has passed
 * @param listingMaxAge       how long one listing of an environment's VM resources serves every
 *                            launch check in that environment
 */
public record HookSettings(Duration registrationTimeout, Duration drainLimit, Duration recheckInterval,
                           Duration heartbeatTimeout, Duration listingMaxAge) {

    public HookSettings {
        if (recheckInterval.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("the re-check interval can be at most 15 minutes (SQS's longest delay)");
        }
        if (recheckInterval.compareTo(heartbeatTimeout.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("the re-check interval (" + recheckInterval.toSeconds()
                    + " s) must be at most half the hooks' heartbeat timeout (" + heartbeatTimeout.toSeconds()
                    + " s), or actions time out between two looks");
        }
    }

    public static HookSettings defaults() {
        return new HookSettings(Duration.ofMinutes(10), Duration.ofMinutes(60), Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofSeconds(10));
    }
}
