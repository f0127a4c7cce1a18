package io.adoec2.lifecycle.reconcile;

import io.adoec2.lifecycle.Placement;
import java.time.Duration;
import java.util.List;

/**
 * How cautious the reconciler is.
 *
 * @param confirmAfter the least time between the two sightings of an instance gone (and its agent
 *                     not online) before its VM resource is deleted or its record closed: one
 *                     sighting may be EC2's eventual consistency, a second minutes later is not
 * @param bootGrace    how long after its record was written an instance may take to register; a
 *                     record in LAUNCHING younger than this is left alone, a running instance older
 *                     than this without a VM resource is reported
 * @param environments environments reconciled even when no record names one: their instances
 *                     whose launch was never seen are adopted (resource tags are ignored here)
 */
public record ReconcileSettings(Duration confirmAfter, Duration bootGrace, List<Placement> environments) {
    public static final Duration DEFAULT_CONFIRM_AFTER = Duration.ofMinutes(4);
    public static final Duration DEFAULT_BOOT_GRACE = Duration.ofMinutes(15);

    public ReconcileSettings {
        if (confirmAfter.isNegative() || bootGrace.isNegative()) {
            throw new IllegalArgumentException("reconcile durations must not be negative");
        }
        environments = List.copyOf(environments);
    }

    public static ReconcileSettings defaults() {
        return new ReconcileSettings(DEFAULT_CONFIRM_AFTER, DEFAULT_BOOT_GRACE, List.of());
    }
}
