package io.adoec2.aws;

import io.adoec2.aws.call.AwsOperation;
import io.adoec2.aws.call.AwsQueryCall;
import io.adoec2.events.sqs.RecheckMessage;
import io.adoec2.lifecycle.LifecycleEvent;
import io.adoec2.lifecycle.Rechecks;
import java.time.Duration;
import java.util.Map;

/**
 * Re-checks as delayed messages on the function's own queue: SQS holds them for the delay (at
 * most 15 minutes) and then delivers them to the same handler as any lifecycle event.
 */
public final class SqsRechecks implements Rechecks {
    private static final long MAX_DELAY_SECONDS = 900;

    private final AwsQueryCall sqs;
    private final String queueUrl;

    public SqsRechecks(AwsQueryCall sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void schedule(LifecycleEvent.HookAction next, Duration delay) {
        long seconds = Math.clamp(delay.toSeconds(), 0, MAX_DELAY_SECONDS);
        sqs.call(AwsOperation.SQS_SEND_MESSAGE, Map.of(
                "QueueUrl", queueUrl,
                "MessageBody", RecheckMessage.write(next),
                "DelaySeconds", Long.toString(seconds)));
    }
}
