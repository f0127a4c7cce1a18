package io.adoec2.lifecycle;

import java.util.Map;
import java.util.Optional;

/** The tags of an EC2 instance, read from EC2 at the moment of the call. */
public interface InstanceTags {

    /** The instance's tags; empty when EC2 does not know the instance. */
    Optional<Map<String, String>> of(String instanceId);
}
