package io.adoec2.lifecycle;

import java.util.Collection;
import java.util.Map;

/** EC2's view of many instances at once, for the reconciler. */
public interface InstanceDirectory {

    /**
     * The current state of each given instance id: every id is a key of the result, and ids EC2
     * does not know map to {@link InstanceState#NOT_FOUND}.
     */
    Map<String, InstanceState> states(Collection<String> instanceIds);
}
