package io.adoec2.lifecycle;

import java.util.Map;

/**
 * What handling one event did, for the log line and the metric. Failures that a retry can fix
 * are thrown instead; an outcome is final for its event.
 *
 * @param fields what the log line needs as fields of its own (organization, project, environment)
 *               so that a search finds it whatever the detail says
 */
public record Outcome(Result result, String instanceId, String detail, Map<String, String> fields) {

    public Outcome {
        fields = Map.copyOf(fields);
    }

    public Outcome(Result result, String instanceId, String detail) {
        this(result, instanceId, detail, Map.of());
    }

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
        /**
         * The instance's tags or the configuration are wrong (unknown project or environment, an
         * organization not served); retrying cannot help, and neither can replacing the instance,
         * which carries the same tags: it runs unregistered and the ConfigurationError alarm says so.
         */
        REJECTED,
        /**
         * A termination that EC2 does not bear out (the instance is running, stopped, ...): nothing
         * was deleted. Someone or something sent it who should not have; it is counted on its own.
         */
        SPURIOUS_TERMINATION;

        /** The metric counting this result: its own for those an alarm watches, else {@code Outcome}. */
        public String metric() {
            return switch (this) {
                case SPURIOUS_TERMINATION -> "SpuriousTermination";
                case REJECTED -> "ConfigurationError";
                default -> "Outcome";
            };
        }
    }

    public boolean rejected() {
        return result == Result.REJECTED || result == Result.SPURIOUS_TERMINATION;
    }
}
