package io.adoec2.lifecycle.reconcile;

import java.util.List;
import java.util.Set;

/** EC2's instances that carry some tags, for the reconciler to adopt those whose launch it never saw. */
public interface TaggedInstances {

    /** Every instance that is not gone (pending, running, stopping, stopped, shutting down) and carries any of the keys. */
    List<TaggedInstance> carryingAnyOf(Set<String> tagKeys);
}
