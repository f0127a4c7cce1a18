package io.adoec2.azuredevops;

import java.util.Optional;

/**
 * An agent in a deployment pool: whether it is online and enabled, and the job request it is
 * running now (TaskAgent.assignedRequest), if any.
 */
public record Agent(int id, String name, String version, boolean online, boolean enabled,
                    Optional<AgentJob> runningJob) {

    public boolean busy() {
        return runningJob.isPresent();
    }
}
