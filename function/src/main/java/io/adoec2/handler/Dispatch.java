package io.adoec2.handler;

import io.adoec2.events.Delivery;
import io.adoec2.lifecycle.Lifecycle;
import io.adoec2.lifecycle.LifecycleEvent;
import io.adoec2.lifecycle.Outcome;
import io.adoec2.observe.EventLog;
import io.adoec2.retry.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs each delivery of a batch through the lifecycle and logs what came of it. One message's
 * failure never stops the next one from being handled; the invocation's deadline does: near it,
 * the rest of the batch is handed back untouched, to come again with a fresh invocation, instead of
 * being timed out half way and the whole batch coming back after the visibility timeout.
 */
public final class Dispatch {
    private final Lifecycle lifecycle;
    private final EventLog log;
    private final Duration messageReserve;

    public Dispatch(Lifecycle lifecycle, EventLog log, Duration messageReserve) {
        this.lifecycle = lifecycle;
        this.log = log;
        this.messageReserve = messageReserve;
    }

    /**
     * Handles every delivery while the deadline leaves time for one more.
     *
     * @return the message ids that failed (malformed, a failure worth retrying, or not taken before the deadline)
     */
    public List<String> each(List<Delivery> deliveries, String source) {
        Deadline deadline = Deadline.current();
        Lifecycle.Batch batch = lifecycle.batch(deliveries.stream()
                .flatMap(d -> d instanceof Delivery.Parsed parsed ? Stream.of(parsed.event()) : Stream.empty())
                .toList());
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < deliveries.size(); i++) {
            Delivery delivery = deliveries.get(i);
            if (!deadline.allows(messageReserve)) {
                List<String> untouched = deliveries.subList(i, deliveries.size()).stream().map(Delivery::messageId)
                        .toList();
                log.count("WARN", "Deferred", "Source", source, untouched.size() + " message(s) handed back "
                        + "untouched: " + deadline.remaining().toMillis() + " ms left before the deadline",
                        Map.of("firstMessageId", untouched.getFirst(), "count", Integer.toString(untouched.size())));
                failed.addAll(untouched);
                break;
            }
            switch (delivery) {
                case Delivery.Malformed malformed -> {
                    log.count("ERROR", "MalformedEvent", "Source", source, malformed.problem().getMessage(),
                            Map.of("messageId", malformed.messageId(), "field", malformed.problem().field()));
                    failed.add(malformed.messageId());
                }
                case Delivery.Parsed parsed -> {
                    if (!handled(parsed, batch)) {
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

    private boolean handled(Delivery.Parsed parsed, Lifecycle.Batch batch) {
        LifecycleEvent event = parsed.event();
        String instanceId = event.instance();
        try {
            Outcome outcome = batch.handle(event);
            Map<String, String> fields = new LinkedHashMap<>(outcome.fields());
            fields.putAll(Map.of("instanceId", instanceId, "origin", event.origin(),
                    "event", event.getClass().getSimpleName()));
            log.count(outcome.rejected() ? "WARN" : "INFO", outcome.result().metric(), "Result",
                    outcome.result().name(), outcome.detail(), fields);
            return true;
        } catch (RuntimeException e) {
            Map<String, String> fields = new LinkedHashMap<>(ErrorFields.of(e));
            fields.putAll(Map.of("instanceId", instanceId, "origin", event.origin(),
                    "event", event.getClass().getSimpleName()));
            log.count("ERROR", "HandlerError", "Error", e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                    fields);
            return false;
        }
    }
}
