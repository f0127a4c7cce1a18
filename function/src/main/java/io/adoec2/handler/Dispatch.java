package io.adoec2.handler;

import io.adoec2.events.Delivery;
import io.adoec2.lifecycle.Lifecycle;
import io.adoec2.lifecycle.LifecycleEvent;
import io.adoec2.lifecycle.Outcome;
import io.adoec2.observe.EventLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs each delivery of a batch through the lifecycle and logs what came of it. One message's
 * failure never stops the next one from being handled.
 */
public final class Dispatch {
    private final Lifecycle lifecycle;
    private final EventLog log;

    public Dispatch(Lifecycle lifecycle, EventLog log) {
        this.lifecycle = lifecycle;
        this.log = log;
    }

    /** Handles every delivery. @return the message ids that failed (malformed, or a failure worth retrying). */
    public List<String> each(List<Delivery> deliveries, String source) {
        List<String> failed = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            switch (delivery) {
                case Delivery.Malformed malformed -> {
                    log.count("ERROR", "MalformedEvent", "Source", source, malformed.problem().getMessage(),
                            Map.of("messageId", malformed.messageId(), "field", malformed.problem().field()));
                    failed.add(malformed.messageId());
                }
                case Delivery.Parsed parsed -> {
                    if (!handled(parsed)) {
                        failed.add(parsed.messageId());
                    }
                }
            }
        }
        return failed;
    }

    /** Handles every delivery. @throws DeliveryFailedException when any failed, naming them, so the source retries. */
    public void all(List<Delivery> deliveries, String source) {
        List<String> failed = each(deliveries, source);
        if (!failed.isEmpty()) {
            throw new DeliveryFailedException(failed.size() + " of " + deliveries.size() + " " + source
                    + " message(s) failed: " + failed);
        }
    }

    private boolean handled(Delivery.Parsed parsed) {
        LifecycleEvent event = parsed.event();
        String instanceId = event.instance();
        try {
            Outcome outcome = lifecycle.handle(event);
            log.count(outcome.rejected() ? "WARN" : "INFO", "Outcome", "Result", outcome.result().name(),
                    outcome.detail(), Map.of("instanceId", instanceId, "origin", event.origin(),
                            "event", event.getClass().getSimpleName()));
            return true;
        } catch (RuntimeException e) {
            log.count("ERROR", "HandlerError", "Error", e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                    Map.of("instanceId", instanceId, "origin", event.origin(),
                            "event", event.getClass().getSimpleName()));
            return false;
        }
    }
}
