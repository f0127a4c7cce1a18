package io.adoec2.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two definitions every benchmark figure rests on: the rate limit's floor, and median with min and max. */
class FloorAndFigureTest {

    private static TerminationBurst.Run burst(long admittedCalls, double wallSeconds) {
        return new TerminationBurst.Run(wallSeconds, admittedCalls, 0, 0, Map.of(), 0, 0, 700, 5);
    }

    @Test
    void theFloorIsFiveMinutesForEveryWindowsWorthOfCallsAClientHonouringRetryAfterGetsThrough() {
        // 700 a minute: a limit of 3500 in the five-minute window, and one delayed call per container (5) beyond it.
        assertThat(burst(3505, 3).floorSeconds()).as("all through in one window, five of them delayed").isZero();
        assertThat(burst(3506, 3).floorSeconds()).isEqualTo(300);
        assertThat(burst(7010, 3).floorSeconds()).isEqualTo(300);
        assertThat(burst(7011, 3).floorSeconds()).isEqualTo(600);
        assertThat(burst(6000, 330).ratioToFloor()).hasValue(1.1);
        assertThat(burst(1050, 66).callsOverRateSeconds()).isEqualTo(90);
        assertThat(burst(600, 3).ratioToFloor()).isEmpty();
    }

    @Test
    void aFigureIsTheMedianWithTheLeastAndGreatestRun() {
        Figure odd = Figure.of(List.of(3.0, 1.0, 2.0));
        Figure even = Figure.of(List.of(4.0, 1.0, 2.0, 3.0));

        assertThat(odd).extracting(Figure::median, Figure::min, Figure::max).containsExactly(2.0, 1.0, 3.0);
        assertThat(odd.runs()).as("in the order they ran").containsExactly(3.0, 1.0, 2.0);
        assertThat(even.median()).isEqualTo(2.5);
        assertThat(odd.text(1)).isEqualTo("2.0 (1.0–3.0)");
        assertThat(Figure.of(List.of(1.1, 1.1)).text(2)).isEqualTo("1.10");
    }
}
