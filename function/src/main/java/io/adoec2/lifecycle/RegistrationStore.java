package io.adoec2.lifecycle;

import java.util.List;
import java.util.Optional;

/**
 * Durable registration records, one per instance id. Every write is conditional, so two
 * handlers racing on the same instance cannot both win.
 */
public interface RegistrationStore {

    Optional<InstanceRecord> find(String instanceId);

    /** Every record, final ones (tombstones) included, read strongly consistent: for audits of a whole table. */
    List<InstanceRecord> all();

    /**
     * The records that place their instance in an environment, final ones included; not the
     * tombstones that hold no environment. What the reconciler starts from: its cost follows the
     * fleet, not every termination the account has seen. Possibly a moment behind the latest writes.
     */
    List<InstanceRecord> managed();

    /**
     * Writes the record only if no record exists for its instance (version must be 0).
     * @return false when a record already exists (a duplicate event or a tombstone).
     */
    boolean create(InstanceRecord record);

    /**
     * Replaces the stored record only if its stored version is {@code record.version() - 1}.
     * @return false when another writer got there first; re-read and decide again.
     */
    boolean update(InstanceRecord record);
}
