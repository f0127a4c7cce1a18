package io.adoec2.lifecycle;

import java.util.Optional;

/**
 * The loop every handler of an instance's record runs: read the record, act on what it says, write
 * the next state conditionally on the one read; when another handler of the same instance wrote in
 * between, read again and decide afresh. Concurrent handlers are few (duplicate deliveries, a
 * launch racing its termination), so a few rounds settle it; more means something is wrong.
 */
final class RecordUpdates {
    static final int MAX_ROUNDS = 5;

    /** One round: the outcome, or empty when the conditional write lost and the record must be read again. */
    @FunctionalInterface
    interface Round<T> {
        Optional<T> on(Optional<InstanceRecord> found);
    }

    private final RegistrationStore store;

    RecordUpdates(RegistrationStore store) {
        this.store = store;
    }

    /** @param purpose what the rounds try to do, for the error when they never settle ("drain it") */
    <T> T until(String instanceId, String purpose, Round<T> round) {
        for (int done = 0; done < MAX_ROUNDS; done++) {
            Optional<T> outcome = round.on(store.find(instanceId));
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
        throw new IllegalStateException("the record of " + instanceId + " kept changing under " + MAX_ROUNDS
                + " attempts to " + purpose);
    }
}
