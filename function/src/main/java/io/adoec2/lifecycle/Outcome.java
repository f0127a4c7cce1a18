package io.adoec2.lifecycle;

/**
 * What handling one event did, for the log line and the metric. Failures that a retry can fix
 * are thrown instead; an outcome is final for its event.
 */
public record Outcome(Result result, String instanceId, String detail) {

    public enum Result {
        /** A launch was recorded; its VM resource is expected from the instance's userdata. */
        RECORDED,
        /** The instance's VM resource is online; its launch action was completed with CONTINUE. */
        REGISTERED,
        /** A held instance is not ready to go on yet; it is looked at again later. */
        WAITING,
        /** The VM resource never came online in time; the launch was abandoned and the instance replaced. */
        ABANDONED,
        /** The instance's agent is disabled and takes no new job; a running job may finish. */
        DRAINING,
        /** The drain limit passed while the agent still ran a job: it was removed anyway. */
        DRAIN_LIMIT_PASSED,
        /** The event repeats one already handled. */
        DUPLICATE,
        /** A launch arrived after its instance's termination was handled; the tombstone stands. */
        LATE_LAUNCH_IGNORED,
        /** The instance carries no AzDevOps-* tags: not ours. */
        NOT_MANAGED,
        /** EC2 no longer knows the instance at launch: nothing to record. */
        INSTANCE_GONE,
        /** The VM resource was removed (or was already gone) and the record is final. */
        DEREGISTERED,
        /** A termination with no record: a tombstone now stops a late launch from resurrecting it. */
        TOMBSTONED,
        /** Nothing to do (test notification, failed launch, event type we do not act on). */
        INFORMATIONAL,
        /** The instance's tags or the configuration are wrong; retrying cannot help. */
        REJECTED
    }

    public boolean rejected() {
        return result == Result.REJECTED;
    }
}
