package io.adoec2.events.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.events.Delivery;
import io.adoec2.events.JsonFields;
import io.adoec2.events.MalformedEventException;
import io.adoec2.events.autoscaling.LifecycleHookNotification;
import io.adoec2.events.eventbridge.EventBridgeEvent;
import io.adoec2.events.sns.AutoScalingNotification;
import io.adoec2.lifecycle.LifecycleEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an SQS batch into lifecycle events. The queue carries EventBridge events (lifecycle
 * actions, Spot warnings, state changes), lifecycle hook notifications sent to the queue
 * directly, and our own re-checks; anything else is malformed and goes to the dead-letter queue.
 */
public final class SqsLifecycleEvents {

    private SqsLifecycleEvents() {}

    /** @throws MalformedEventException when the envelope itself is not an SQS event */
    public static List<Delivery> parse(String json) {
        List<Delivery> deliveries = new ArrayList<>();
        for (SqsBatch.SqsMessage message : SqsBatch.parse(json).messages()) {
            String origin = "sqs:" + message.messageId();
            String path = "$.body";
            try {
                JsonNode body = JsonFields.parse(message.body(), path);
                LifecycleEvent event;
                if (RecheckMessage.matches(body)) {
                    event = RecheckMessage.parse(body, path, origin);
                } else if (EventBridgeEvent.matches(body)) {
                    event = EventBridgeEvent.parse(body, path, origin);
                } else if (LifecycleHookNotification.matches(body)) {
                    event = LifecycleHookNotification.parse(body, path, origin);
                } else if (AutoScalingNotification.matches(body)) {
                    event = AutoScalingNotification.parse(body, origin);
                } else {
                    throw new MalformedEventException(path, "is neither an EventBridge event, a lifecycle hook "
                            + "notification nor an Auto Scaling notification");
                }
                deliveries.add(new Delivery.Parsed(message.messageId(), event));
            } catch (MalformedEventException e) {
                deliveries.add(new Delivery.Malformed(message.messageId(), e));
            }
        }
        return deliveries;
    }
}
