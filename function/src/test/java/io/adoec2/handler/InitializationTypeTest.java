package io.adoec2.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Priming is registered exactly when the runtime's client would call it: a SnapStart init. */
class InitializationTypeTest {

    @Test
    void onlyASnapStartInitTakesASnapshot() {
        assertThat(InitializationType.takesSnapshot(Map.of(InitializationType.VARIABLE, "snap-start"))).isTrue();

        assertThat(InitializationType.takesSnapshot(Map.of(InitializationType.VARIABLE, "on-demand"))).isFalse();
        assertThat(InitializationType.takesSnapshot(Map.of(InitializationType.VARIABLE, "provisioned-concurrency")))
                .isFalse();
        assertThat(InitializationType.takesSnapshot(Map.of())).as("outside Lambda (simulate, tests)").isFalse();
        // The runtime's client compares exactly: any other spelling never runs the hooks.
        assertThat(InitializationType.takesSnapshot(Map.of(InitializationType.VARIABLE, "SNAP-START"))).isFalse();
    }
}
