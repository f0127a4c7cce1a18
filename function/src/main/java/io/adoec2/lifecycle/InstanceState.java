package io.adoec2.lifecycle;

/**
 * What EC2 says about an instance right now. {@link #NOT_FOUND} means EC2 does not know the id:
 * it never existed here, or it was terminated long enough ago to be forgotten.
 */
public enum InstanceState {
    PENDING, RUNNING, STOPPING, STOPPED, SHUTTING_DOWN, TERMINATED, NOT_FOUND;

    /**
     * True when the instance can never run again. SHUTTING_DOWN is not gone yet: its agent may
     * still be finishing a job.
     */
    public boolean isGone() {
        return this == TERMINATED || this == NOT_FOUND;
    }

    /**
     * True when EC2 bears out a termination: the instance is shutting down, terminated, or unknown
     * (terminated long ago, or never ours to keep). Anything else means the event was not true.
     */
    public boolean confirmsTermination() {
        return this == SHUTTING_DOWN || isGone();
    }
}
