package io.adoec2.cli.simulate;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

/**
 * Hands events to the handlers with the delivery rules of AWS: an SNS notification is an
 * asynchronous invocation, retried twice (one and two minutes later) before it goes to the
 * dead-letter target; an SQS message that fails comes back when its visibility timeout ends,
 * up to the queue's receive limit, then goes to the dead-letter queue. An invocation that dies
 * (chaos) fails as a whole. Both sources deliver at least once: in a chaos run some events come
 * twice.
 */
final class Deliveries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ASYNC_RETRIES = 2;
    private static final int MAX_RECEIVES = 5;
    private static final double VISIBILITY_TIMEOUT_SECONDS = 60;
    private static final double LATEST_DUPLICATE_SECONDS = 90;

    private final RequestStreamHandler snsHandler;
    private final RequestStreamHandler sqsHandler;
    private final Timeline timeline;
    private final Chaos chaos;
    private final Invocations invocations;
    private final Random ids;
    private int deadLettered;
    private Runnable afterEach = () -> { };

    Deliveries(RequestStreamHandler snsHandler, RequestStreamHandler sqsHandler, Timeline timeline, Chaos chaos,
               Invocations invocations, long seed) {
        this.snsHandler = snsHandler;
        this.sqsHandler = sqsHandler;
        this.timeline = timeline;
        this.chaos = chaos;
        this.invocations = invocations;
        this.ids = new Random(seed ^ 0x5eed);
    }

    /** Runs after every invocation, for checks that must see the world right after a handler acted. */
    void afterEach(Runnable check) {
        this.afterEach = check;
    }

    UUID nextId() {
        return new UUID(ids.nextLong(), ids.nextLong());
    }

    void sns(String event) {
        invokeAsync(event, 0);
        again(() -> invokeAsync(event, 0));
    }

    void sqs(String body) {
        receive(nextId().toString(), body, 1);
        again(() -> receive(nextId().toString(), body, 1));
    }

    /** Delivers the event once more a little later, when chaos says so. */
    private void again(Runnable delivery) {
        if (chaos.strikes(FaultKind.DUPLICATE_DELIVERY)) {
            chaos.injected(FaultKind.DUPLICATE_DELIVERY);
            timeline.afterSeconds(chaos.between(FaultKind.DUPLICATE_DELIVERY, 1, LATEST_DUPLICATE_SECONDS), delivery);
        }
    }

    /** Events that ended in a dead-letter target. */
    int deadLettered() {
        return deadLettered;
    }

    private void invokeAsync(String event, int retry) {
        try {
            invoke(snsHandler, event);
        } catch (IOException | RuntimeException | InvocationDied e) {
            if (retry < ASYNC_RETRIES) {
                timeline.afterSeconds(60.0 * (retry + 1), () -> invokeAsync(event, retry + 1));
            } else {
                deadLettered++;
            }
        }
    }

    private void receive(String messageId, String body, int receiveCount) {
        boolean failed;
        try {
            String response = invoke(sqsHandler, batch(messageId, body, receiveCount));
            failed = JSON.readTree(response).path("batchItemFailures").size() > 0;
        } catch (IOException | RuntimeException | InvocationDied e) {
            failed = true;
        }
        if (failed) {
            if (receiveCount < MAX_RECEIVES) {
                timeline.afterSeconds(VISIBILITY_TIMEOUT_SECONDS, () -> receive(messageId, body, receiveCount + 1));
            } else {
                deadLettered++;
            }
        }
    }

    private String invoke(RequestStreamHandler handler, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LocalContext context = new LocalContext(nextId().toString(), "ado-ec2-lifecycle");
        invocations.begin();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
        } finally {
            invocations.end();
            afterEach.run();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String batch(String messageId, String body, int receiveCount) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("messageId", messageId);
        record.put("receiptHandle", "simulated-" + messageId + "-" + receiveCount);
        record.put("body", body);
        ObjectNode attributes = record.putObject("attributes");
        attributes.put("ApproximateReceiveCount", Integer.toString(receiveCount));
        record.putObject("messageAttributes");
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", "arn:aws:sqs:eu-west-1:123456789012:ado-ec2-lifecycle-events");
        record.put("awsRegion", "eu-west-1");
        return root.toString();
    }
}
