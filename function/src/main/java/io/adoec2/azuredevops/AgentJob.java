package io.adoec2.azuredevops;

import java.time.Instant;
import java.util.Optional;

/** The job request an agent is running (TaskAgentJobRequest: requestId, jobName, assignTime). */
public record AgentJob(long requestId, String jobName, Optional<Instant> assignedAt) {}
