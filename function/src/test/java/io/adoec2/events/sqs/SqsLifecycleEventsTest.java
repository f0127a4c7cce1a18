package io.adoec2.events.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.events.Delivery;
import io.adoec2.lifecycle.LifecycleEvent;
import io.adoec2.lifecycle.LifecycleHook;
import io.adoec2.testing.Fixtures;
import io.adoec2.testing.Fixtures.SqsMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqsLifecycleEventsTest {
    private static final String INSTANCE = "i-0123456789abcdef0";
    private static final String TOKEN = "bfd2b7e9-7c1b-4d5e-9a4e-2f0c43c5a8b1";
    private static final Map<String, String> VALUES = Map.of("instanceId", INSTANCE, "group", "web-asg",
            "hook", "ado-registration", "token", TOKEN, "time", "2026-11-25T09:12:43Z",
            "eventId", "7bf73129-1428-4cd3-a780-95db273d1602");

    private static List<Delivery> parse(String... fixtures) {
        List<SqsMessage> messages = new ArrayList<>();
        for (int i = 0; i < fixtures.length; i++) {
            messages.add(new SqsMessage("m" + i, Fixtures.event(fixtures[i], VALUES)));
        }
        return SqsLifecycleEvents.parse(Fixtures.sqsBatch(messages));
    }

    private static LifecycleEvent event(String fixture) {
        return ((Delivery.Parsed) parse(fixture).getFirst()).event();
    }

    @Test
    void lifecycleActionsFromEventBridgeBecomeHookActions() {
        assertThat(event("eventbridge/launch-action.json")).isEqualTo(new LifecycleEvent.HookAction(INSTANCE,
                new LifecycleHook(LifecycleHook.Transition.LAUNCHING, "web-asg", "ado-registration", TOKEN),
                Instant.parse("2026-11-25T09:12:43Z"), 0, "sqs:m0"));
        assertThat(event("eventbridge/terminate-action.json")).isInstanceOfSatisfying(LifecycleEvent.HookAction.class,
                action -> assertThat(action.hook().transition()).isEqualTo(LifecycleHook.Transition.TERMINATING));
    }

    @Test
    void aHookNotificationSentToTheQueueDirectlyIsUnderstoodToo() {
        assertThat(event("autoscaling/hook-notification-launch.json"))
                .isEqualTo(event("eventbridge/launch-action.json"));
        assertThat(event("autoscaling/hook-test-notification.json")).isInstanceOf(LifecycleEvent.Informational.class);
    }

    @Test
    void ec2EventsBecomeSpotWarningsAndTerminations() {
        assertThat(event("eventbridge/spot-interruption-warning.json"))
                .isEqualTo(new LifecycleEvent.SpotInterruption(INSTANCE, Instant.parse("2026-11-25T09:12:43Z"), "sqs:m0"));
        assertThat(event("eventbridge/state-change-terminated.json")).isInstanceOf(LifecycleEvent.Terminated.class);
        assertThat(event("eventbridge/state-change-stopping.json")).isInstanceOf(LifecycleEvent.Informational.class);
    }

    @Test
    void aScaleInToAWarmPoolKeepsTheRegistration() {
        assertThat(event("eventbridge/terminate-to-warm-pool.json")).isInstanceOf(LifecycleEvent.WarmPoolReturn.class);
    }

    @Test
    void aRecheckRoundTripsThroughItsMessage() {
        LifecycleEvent.HookAction action = new LifecycleEvent.HookAction(INSTANCE,
                new LifecycleHook(LifecycleHook.Transition.TERMINATING, "web-asg", "drain", TOKEN),
                Instant.parse("2026-11-25T09:12:43Z"), 4, "sqs:m0");
        String batch = Fixtures.sqsBatch(List.of(new SqsMessage("m0", RecheckMessage.write(action))));

        assertThat(SqsLifecycleEvents.parse(batch)).containsExactly(new Delivery.Parsed("m0", action));
    }

    @Test
    void badMessagesAreNamedOneByOneAndDoNotSpoilTheBatch() {
        List<SqsMessage> messages = List.of(
                new SqsMessage("good", Fixtures.event("eventbridge/launch-action.json", VALUES)),
                new SqsMessage("not-json", "{oops"),
                new SqsMessage("unknown-shape", "{\"hello\":\"world\"}"),
                new SqsMessage("forged-source", Fixtures.event("eventbridge/launch-action-wrong-source.json", VALUES)),
                new SqsMessage("bad-check", "{\"recheck\":{\"check\":0}}"));

        List<Delivery> deliveries = SqsLifecycleEvents.parse(Fixtures.sqsBatch(messages));

        assertThat(deliveries.get(0)).isInstanceOf(Delivery.Parsed.class);
        assertThat(deliveries.subList(1, 5)).allSatisfy(d -> assertThat(d).isInstanceOf(Delivery.Malformed.class));
        assertThat(((Delivery.Malformed) deliveries.get(1)).problem()).hasMessageStartingWith("$.body: is not JSON");
        assertThat(((Delivery.Malformed) deliveries.get(2)).problem()).hasMessageContaining("neither an EventBridge");
        assertThat(((Delivery.Malformed) deliveries.get(3)).problem().field()).isEqualTo("$.body.source");
        assertThat(((Delivery.Malformed) deliveries.get(4)).problem().field()).isEqualTo("$.body.recheck.transition");
    }
}
