package io.adoec2.azuredevops.simulator;

import java.time.Instant;

/** A job an agent runs (or ran); rendered as the spec's TaskAgentJobRequest. */
record JobRequest(long requestId, String jobName, int poolId, String planId, String jobId, Instant queueTime,
        Instant assignTime, Instant receiveTime, Instant finishTime, String result) {

    JobRequest finished(Instant at) {
        return new JobRequest(requestId, jobName, poolId, planId, jobId, queueTime, assignTime, receiveTime, at,
                "succeeded");
    }
}
