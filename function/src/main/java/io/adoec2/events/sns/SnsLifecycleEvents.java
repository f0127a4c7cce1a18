package io.adoec2.events.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.events.Delivery;
import io.adoec2.events.JsonFields;
import io.adoec2.events.MalformedEventException;
import io.adoec2.events.autoscaling.LifecycleHookNotification;
import io.adoec2.lifecycle.LifecycleEvent;
import java.util.ArrayList;
import java.util.List;

/** Turns a Lambda SNS event into lifecycle events, one delivery per SNS message. */
public final class SnsLifecycleEvents {

    private SnsLifecycleEvents() {}

    /** @throws MalformedEventException when the envelope itself is not an SNS event */
    public static List<Delivery> parse(String json) {
        List<Delivery> deliveries = new ArrayList<>();
        for (SnsEnvelope.SnsMessage message : SnsEnvelope.parse(json).messages()) {
            String origin = "sns:" + message.messageId();
            try {
                JsonNode body = JsonFields.parse(message.body(), "$.Message");
                LifecycleEvent event;
                if (LifecycleHookNotification.matches(body)) {
                    event = LifecycleHookNotification.parse(body, "$.Message", origin);
                } else if (AutoScalingNotification.matches(body)) {
                    event = AutoScalingNotification.parse(body, origin);
                } else {
                    event = new LifecycleEvent.Informational("unrecognised", "an SNS message that is not an "
                            + "Auto Scaling notification, from topic " + message.topicArn(), origin);
                }
                deliveries.add(new Delivery.Parsed(message.messageId(), event));
            } catch (MalformedEventException e) {
                deliveries.add(new Delivery.Malformed(message.messageId(), e));
            }
        }
        return deliveries;
    }
}
