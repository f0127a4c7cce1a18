package io.adoec2.cli.simulate;

import java.time.Duration;

/**
 * How hard {@code simulate --chaos} hits: the chance of each per-event fault, and the shape of the
 * Azure DevOps faults. {@link #NONE} injects nothing.
 *
 * @param adoErrorRate          share of Azure DevOps requests answered 5xx
 * @param adoDropRate           share of Azure DevOps requests whose connection is dropped
 * @param latencySpikeEvery     mean time between two latency spikes; each slows one operation for
 *                              {@code latencySpikeLength}, every answer late by up to {@code latencyMax}
 *                              (below the function's request timeout: a later answer is a dropped one)
 * @param throttleBurstEvery    mean time between two bursts of rate limiting, each refusing the next one to
 *                              {@code throttleBurstLongest} calls of each busy operation with 429 and a
 *                              Retry-After of up to {@code retryAfterLongest}
 * @param dynamoDbThrottleRate  chance that a DynamoDB request starts a run of one to three throttled answers
 * @param conditionalRaceRate   chance that another writer slips in before a conditional write
 * @param duplicateRate         chance that an event is delivered a second time
 * @param terminateBeforeLaunchRate chance that a launching instance is terminated at once, its launch
 *                              event arriving after its termination's
 * @param handlerDeathRate      chance that an invocation dies after one to five of its calls succeeded
 * @param tagsGoneRate          chance that an instance's tags are gone before its termination is handled
 * @param agentFlapRate         chance that a registered agent goes offline for a while and comes back
 * @param forgedTerminationRate chance that a terminate event is sent for a registered instance while it runs
 */
record ChaosSettings(
        double adoErrorRate,
        double adoDropRate,
        Duration latencySpikeEvery,
        Duration latencySpikeLength,
        Duration latencyMax,
        Duration throttleBurstEvery,
        int throttleBurstLongest,
        Duration retryAfterLongest,
        double dynamoDbThrottleRate,
        double conditionalRaceRate,
        double duplicateRate,
        double terminateBeforeLaunchRate,
        double handlerDeathRate,
        double tagsGoneRate,
        double agentFlapRate,
        double forgedTerminationRate) {

    static final ChaosSettings NONE = new ChaosSettings(0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Duration.ZERO, 0, Duration.ZERO, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Every fault at once, each often enough to show up in a run of a few dozen instances. */
    static ChaosSettings standard() {
        return new ChaosSettings(0.03, 0.015, Duration.ofMinutes(4), Duration.ofSeconds(60), Duration.ofSeconds(8),
                Duration.ofMinutes(6), 6, Duration.ofSeconds(15), 0.004, 0.04, 0.06, 0.08, 0.04, 0.2, 0.15, 0.1);
    }

    boolean enabled() {
        return !equals(NONE);
    }

    /** The chance of a per-event fault; the Azure DevOps faults are shaped by the other fields. */
    double rate(FaultKind kind) {
        return switch (kind) {
            case DYNAMODB_THROTTLED -> dynamoDbThrottleRate;
            case CONDITIONAL_WRITE_RACE -> conditionalRaceRate;
            case DUPLICATE_DELIVERY -> duplicateRate;
            case TERMINATE_BEFORE_LAUNCH -> terminateBeforeLaunchRate;
            case HANDLER_DIED -> handlerDeathRate;
            case TAGS_GONE_AT_TERMINATE -> tagsGoneRate;
            case AGENT_OFFLINE_AND_BACK -> agentFlapRate;
            case FORGED_TERMINATION -> forgedTerminationRate;
            case ADO_SERVER_ERROR, ADO_THROTTLED, ADO_LATENCY_SPIKE, ADO_CONNECTION_DROPPED,
                 REGISTRATION_NEVER_HAPPENED -> throw new IllegalArgumentException(kind + " is not rolled per event");
        };
    }
}
