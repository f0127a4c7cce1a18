package io.adoec2.lifecycle;

import java.util.Collection;
import java.util.Map;

/**
 * Auto Scaling's side of a lifecycle hook: let the instance go on, or keep it waiting longer; and
 * where in its group's lifecycle an instance stands.
 */
public interface LifecycleActions {

    enum Result {
        CONTINUE, ABANDON
    }

    /**
     * Completes the action. @return false when Auto Scaling no longer holds it (completed
     * before, or timed out): there is nothing left to complete.
     */
    boolean complete(LifecycleHook hook, String instanceId, Result result);

    /** Restarts the action's heartbeat timeout. @return false when Auto Scaling no longer holds it. */
    boolean heartbeat(LifecycleHook hook, String instanceId);

    /**
     * Each given instance's lifecycle state in its Auto Scaling group, as the API spells it
     * ({@code InService}, {@code Terminating:Wait}, ...), asked all at once. Instances Auto Scaling
     * does not know are not keys of the result.
     */
    Map<String, String> lifecycleStates(Collection<String> instanceIds);
}
