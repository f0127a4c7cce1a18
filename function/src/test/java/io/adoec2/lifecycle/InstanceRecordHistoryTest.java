package io.adoec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adoec2.azuredevops.EnvironmentRef;
import io.adoec2.azuredevops.ProjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceRecordHistoryTest {
    private static final Instant T0 = Instant.parse("2026-11-30T03:00:00Z");
    private static final ResolvedEnvironment WHERE = new ResolvedEnvironment(OrganizationUrl.parse("contoso"),
            new ProjectRef("p-1", "Platform"), new EnvironmentRef("p-1", 7, "production"));

    @Test
    void eachTransitionIsKeptWithItsTimeStatusAndWhatWasDone() {
        InstanceRecord record = InstanceRecord.launching("i-1", Optional.empty(), WHERE, List.of(), Optional.empty(), T0)
                .registered(11, new InstanceRecord.AgentRef(3, 4), T0.plusSeconds(60))
                .draining(Optional.empty(), Optional.empty(), Optional.empty(), T0.plusSeconds(120))
                .deregistered(T0.plusSeconds(180), Duration.ofDays(1), "deregistered by hand");

        assertThat(record.history()).extracting(InstanceRecord.Transition::status).containsExactly(
                RegistrationStatus.LAUNCHING, RegistrationStatus.REGISTERED, RegistrationStatus.DRAINING,
                RegistrationStatus.DEREGISTERED);
        assertThat(record.history().get(1).note()).contains("VM resource 11", "agent 4");
        assertThat(record.history().getLast().at()).isEqualTo(T0.plusSeconds(180));
    }

    @Test
    void aLongLifeKeepsOnlyTheNewestTransitions() {
        InstanceRecord record = InstanceRecord.launching("i-1", Optional.empty(), WHERE, List.of(), Optional.empty(), T0);
        for (int i = 1; i <= 30; i++) {
            record = i % 2 == 0 ? record.observationCleared(T0.plusSeconds(i)) : record.observedGone(T0.plusSeconds(i));
        }

        assertThat(record.history()).hasSize(InstanceRecord.Transition.KEPT);
        assertThat(record.history().getLast().at()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aStoredTransitionReadsBackAndGarbageIsNamed() {
        InstanceRecord.Transition transition = new InstanceRecord.Transition(T0, RegistrationStatus.DRAINING,
                "agent disabled: to drain");

        assertThat(InstanceRecord.Transition.parse(transition.stored())).isEqualTo(transition);
        assertThatThrownBy(() -> InstanceRecord.Transition.parse("yesterday LAUNCHING x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yesterday");
    }
}
