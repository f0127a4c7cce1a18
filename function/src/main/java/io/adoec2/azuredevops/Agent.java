package io.adoec2.azuredevops;

import java.util.Optional;

/**
 * An agent in a deployment pool: its status, whether it is enabled, and the job request it is
 * running now (TaskAgent.assignedRequest), if any.
 */
public record Agent(int id, String name, String version, Status status, boolean enabled,
                    Optional<AgentJob> runningJob) {

    /**
     * TaskAgentStatus (offline, online), or {@link #UNKNOWN} when the answer carried none. The
     * spec types a VM resource's agent as a whole TaskAgent whose every field is optional, and
     * whether the environment's listing fills the status in is undocumented: an agent without one
     * is neither online nor offline until the pool's own agent listing says which.
     */
    public enum Status { ONLINE, OFFLINE, UNKNOWN }

    /** Online as the answer said; an unknown status is not online. */
    public boolean online() {
        return status == Status.ONLINE;
    }

    public boolean statusKnown() {
        return status != Status.UNKNOWN;
    }

    public boolean busy() {
        return runningJob.isPresent();
    }
}
