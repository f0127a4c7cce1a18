package io.adoec2.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The Lambda context of an invocation that must end by a given instant: its remaining time counts
 * down on the clock given, as the runtime's does (aws-lambda-java-core's Context contract).
 */
public record TestContext(Clock clock, Instant end) implements Context {

    public static TestContext withRemaining(Clock clock, Duration remaining) {
        return new TestContext(clock, clock.instant().plus(remaining));
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Duration.between(clock.instant(), end).toMillis());
    }

    @Override
    public String getAwsRequestId() {
        return "00000000-0000-4000-8000-000000000001";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/test";
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return "test";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:123456789012:function:test";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return null;
    }
}
