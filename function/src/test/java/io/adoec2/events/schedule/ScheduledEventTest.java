package io.adoec2.events.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adoec2.events.MalformedEventException;
import io.adoec2.testing.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduledEventTest {

    @Test
    void readsTheEventAScheduleRuleSends() {
        ScheduledEvent event = ScheduledEvent.parse(Fixtures.event("schedule/scheduled-event.json",
                Map.of("id", "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", "time", "2026-11-25T09:15:00Z")));

        assertThat(event).isEqualTo(new ScheduledEvent("53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
                Instant.parse("2026-11-25T09:15:00Z"),
                List.of("arn:aws:events:eu-west-1:123456789012:rule/ado-ec2-lifecycle-reconcile")));
    }

    @Test
    void anotherEventBridgeEventIsRefusedNamingTheSource() {
        assertThatThrownBy(() -> ScheduledEvent.parse(Fixtures.event("schedule/not-a-schedule.json", Map.of())))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("$.source: is 'aws.ec2', not 'aws.events': the reconciler takes only EventBridge "
                        + "schedule events");
    }

    @Test
    void namesWhatIsMissingOrWrong() {
        assertThatThrownBy(() -> ScheduledEvent.parse("{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\","
                + "\"id\":\"x\"}")).hasMessage("$.time: is missing");
        assertThatThrownBy(() -> ScheduledEvent.parse("{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\","
                + "\"id\":\"x\",\"time\":\"yesterday\"}")).hasMessage("$.time: 'yesterday' is not an ISO-8601 time");
        assertThatThrownBy(() -> ScheduledEvent.parse("{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\","
                + "\"id\":\"x\",\"time\":\"2026-11-25T09:15:00Z\",\"resources\":\"arn\"}"))
                .hasMessage("$.resources: must be an array, not STRING");
        assertThatThrownBy(() -> ScheduledEvent.parse("[]")).hasMessage("$: must be an object, not ARRAY");
        assertThatThrownBy(() -> ScheduledEvent.parse("{}")).hasMessage("$.source: is missing");
        assertThatThrownBy(() -> ScheduledEvent.parse("")).hasMessage("$: is empty");
    }
}
