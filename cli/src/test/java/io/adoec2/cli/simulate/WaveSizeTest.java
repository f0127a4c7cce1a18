package io.adoec2.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs of up to 1,000 instances keep their waves of 10 (and so their reports); larger fleets scale in 100 waves. */
class WaveSizeTest {

    @Test
    void upToAThousandInstancesTheWavesAreTenBeyondAHundredWavesEachWay() {
        assertThat(SimulateCommand.waveSize(1)).isEqualTo(10);
        assertThat(SimulateCommand.waveSize(500)).isEqualTo(10);
        assertThat(SimulateCommand.waveSize(1_000)).isEqualTo(10);
        assertThat(SimulateCommand.waveSize(1_001)).as("101 waves of 10 would be one too many").isEqualTo(11);
        assertThat(SimulateCommand.waveSize(10_000)).isEqualTo(100);
        assertThat((10_000 + SimulateCommand.waveSize(10_000) - 1) / SimulateCommand.waveSize(10_000)).isEqualTo(100);
    }
}
