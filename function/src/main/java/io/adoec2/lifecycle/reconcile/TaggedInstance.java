package io.adoec2.lifecycle.reconcile;

import io.adoec2.lifecycle.InstanceState;
import java.util.Map;

/** An instance as EC2 lists it: its state now and all its tags. */
public record TaggedInstance(String instanceId, InstanceState state, Map<String, String> tags) {
    public TaggedInstance {
        tags = Map.copyOf(tags);
    }
}
