package io.adoec2.cli.simulate;

/** Every kind of fault {@code simulate --chaos} injects, by the name the summary reports it under. */
enum FaultKind {
    /** Azure DevOps answered 5xx. */
    ADO_SERVER_ERROR("adoServerError"),
    /** Azure DevOps answered 429 with Retry-After: a burst of rate limiting. */
    ADO_THROTTLED("adoThrottled"),
    /** An Azure DevOps answer came seconds late. */
    ADO_LATENCY_SPIKE("adoLatencySpike"),
    /** Azure DevOps closed the connection without an answer. */
    ADO_CONNECTION_DROPPED("adoConnectionDropped"),
    /** DynamoDB refused a request with ProvisionedThroughputExceededException or ThrottlingException. */
    DYNAMODB_THROTTLED("dynamoDbThrottled"),
    /** Another writer changed a record between the function's read and its conditional write. */
    CONDITIONAL_WRITE_RACE("conditionalWriteRace"),
    /** An event delivered twice. */
    DUPLICATE_DELIVERY("duplicateDelivery"),
    /** An instance terminated right after launch, its launch event arriving after its termination's. */
    TERMINATE_BEFORE_LAUNCH("terminateBeforeLaunch"),
    /** An invocation died half way (after some of its calls succeeded) and its event was delivered again. */
    HANDLER_DIED("handlerDied"),
    /** An instance's tags removed before its termination reached the function. */
    TAGS_GONE_AT_TERMINATE("tagsGoneAtTerminate"),
    /** A live instance's agent went offline for a while and came back. */
    AGENT_OFFLINE_AND_BACK("agentOfflineAndBack"),
    /** An instance whose userdata never registered it. */
    REGISTRATION_NEVER_HAPPENED("registrationNeverHappened"),
    /**
     * A terminate event for a running instance (someone who may publish to the topic or send to the
     * queue), with lifecycle hooks also a terminate hook action with a made-up token: the function
     * must ask EC2 (and, for the action, Auto Scaling) and delete nothing.
     */
    FORGED_TERMINATION("forgedTermination");

    private final String jsonName;

    FaultKind(String jsonName) {
        this.jsonName = jsonName;
    }

    String jsonName() {
        return jsonName;
    }
}
