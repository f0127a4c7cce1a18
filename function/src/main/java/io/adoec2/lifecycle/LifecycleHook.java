package io.adoec2.lifecycle;

/**
 * One lifecycle action of an Auto Scaling group: which hook, for which transition, and the
 * token that completes it. The token is an opaque handle, not a credential, but it is still
 * kept out of log lines.
 */
public record LifecycleHook(Transition transition, String autoScalingGroup, String hookName, String token) {

    public enum Transition {
        LAUNCHING, TERMINATING
    }

    @Override
    public String toString() {
        return "LifecycleHook[" + transition + " " + autoScalingGroup + "/" + hookName + "]";
    }
}
