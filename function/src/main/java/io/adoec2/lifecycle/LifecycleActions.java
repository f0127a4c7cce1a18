package io.adoec2.lifecycle;

/** Auto Scaling's side of a lifecycle hook: let the instance go on, or keep it waiting longer. */
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
}
