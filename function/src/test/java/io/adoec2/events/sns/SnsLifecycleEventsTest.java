package io.adoec2.events.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adoec2.events.Delivery;
import io.adoec2.events.MalformedEventException;
import io.adoec2.lifecycle.LifecycleEvent;
import io.adoec2.lifecycle.LifecycleHook;
import io.adoec2.testing.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnsLifecycleEventsTest {
    private static final Map<String, String> VALUES = Map.of("instanceId", "i-0123456789abcdef0",
            "group", "web-asg", "messageId", "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
            "hook", "ado-registration", "token", "bfd2b7e9-7c1b-4d5e-9a4e-2f0c43c5a8b1",
            "time", "2026-11-25T09:12:43Z");

    private static Delivery only(String fixture) {
        List<Delivery> deliveries = SnsLifecycleEvents.parse(Fixtures.event("sns/" + fixture, VALUES));
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.getFirst().messageId()).isEqualTo("95df01b4-ee98-5cb9-9903-4c221d41eb5e");
        return deliveries.getFirst();
    }

    private static LifecycleEvent event(String fixture) {
        return ((Delivery.Parsed) only(fixture)).event();
    }

    @Test
    void aLaunchNotificationBecomesALaunchedEvent() {
        assertThat(event("launch.json")).isEqualTo(new LifecycleEvent.Launched("i-0123456789abcdef0",
                java.util.Optional.of("web-asg"), Instant.parse("2026-11-25T09:12:43.344Z"),
                "sns:95df01b4-ee98-5cb9-9903-4c221d41eb5e"));
    }

    @Test
    void aTerminateNotificationBecomesATerminatedEvent() {
        assertThat(event("terminate.json")).isInstanceOfSatisfying(LifecycleEvent.Terminated.class,
                terminated -> assertThat(terminated.instanceId()).isEqualTo("i-0123456789abcdef0"));
    }

    @Test
    void aLifecycleHookWhoseTargetIsSnsBecomesAHookAction() {
        assertThat(event("lifecycle-hook-launch.json")).isEqualTo(new LifecycleEvent.HookAction("i-0123456789abcdef0",
                new LifecycleHook(LifecycleHook.Transition.LAUNCHING, "web-asg", "ado-registration",
                        "bfd2b7e9-7c1b-4d5e-9a4e-2f0c43c5a8b1"), Instant.parse("2026-11-25T09:12:43Z"), 0,
                "sns:95df01b4-ee98-5cb9-9903-4c221d41eb5e"));
    }

    @Test
    void testNotificationsErrorsAndUnknownEventsAreInformational() {
        assertThat(event("test-notification.json")).isInstanceOfSatisfying(LifecycleEvent.Informational.class,
                info -> assertThat(info.kind()).isEqualTo("autoscaling:TEST_NOTIFICATION"));
        assertThat(event("launch-error.json")).isInstanceOfSatisfying(LifecycleEvent.Informational.class,
                info -> assertThat(info.description()).contains("does not exist"));
        assertThat(event("unknown-event.json")).isInstanceOf(LifecycleEvent.Informational.class);
    }

    @Test
    void aBadMessageNamesTheFieldThatIsWrong() {
        assertThat(only("launch-missing-instance-id.json")).isInstanceOfSatisfying(Delivery.Malformed.class,
                malformed -> assertThat(malformed.problem()).hasMessage("$.Message.EC2InstanceId: is missing"));
        assertThat(only("launch-instance-id-wrong-type.json")).isInstanceOfSatisfying(Delivery.Malformed.class,
                malformed -> assertThat(malformed.problem().field()).isEqualTo("$.Message.EC2InstanceId"));
        assertThat(only("message-not-json.json")).isInstanceOfSatisfying(Delivery.Malformed.class,
                malformed -> assertThat(malformed.problem()).hasMessageStartingWith("$.Message: is not JSON"));
    }

    @Test
    void anEnvelopeThatIsNotSnsIsRefusedAsAWhole() {
        assertThatThrownBy(() -> SnsLifecycleEvents.parse("{\"detail-type\":\"x\"}"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("$.Records");
        assertThatThrownBy(() -> SnsLifecycleEvents.parse("not json"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("is not JSON");
    }

    @Test
    void anInstanceIdThatIsNotOneIsRefused() {
        String json = Fixtures.event("sns/launch.json", Map.of("instanceId", "../../_apis/projects",
                "group", "g", "messageId", "m"));
        assertThat(SnsLifecycleEvents.parse(json).getFirst()).isInstanceOfSatisfying(Delivery.Malformed.class,
                malformed -> assertThat(malformed.problem()).hasMessageContaining("is not an EC2 instance id"));
    }
}
