package io.adoec2.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The summary row of issue #20's simulate target, rendered from the sizes SimulateScaling writes. */
class ResultsMarkdownScalingTest {

    private static String rendered(double wallSeconds, boolean invariantsHeld) throws Exception {
        return ResultsMarkdown.render(new ObjectMapper().readTree("""
                {"simulateScaling": [
                  {"instances": 1000, "wallSeconds": 80.0, "simulationSeconds": 70.0, "javaPeakMegabytes": 400,
                   "motoPeakMegabytes": 275, "invariantsHeld": true, "loadAverage": {"least": 1.0, "greatest": 2.0}},
                  {"instances": 10000, "wallSeconds": %s, "simulationSeconds": 550.0, "javaPeakMegabytes": 1200,
                   "motoPeakMegabytes": 920, "invariantsHeld": %s, "loadAverage": {"least": 1.0, "greatest": 2.0}}]}
                """.formatted(wallSeconds, invariantsHeld)), Optional.empty());
    }

    @Test
    void tenThousandInstancesMeetTheTargetOnlyWithinTenMinutesAndWithEveryInvariantHeld() throws Exception {
        String row = "| `simulate` of 10000 instances: wall time (s), with every invariant held | ";
        assertThat(rendered(574.5, true)).contains(row + "575 | ≤ 600 | yes |");
        assertThat(rendered(639.4, true)).contains(row + "639 | ≤ 600 | **no**");
        assertThat(rendered(574.5, false)).as("fast but wrong is not met").contains(row + "575 | ≤ 600 | **no**");
    }

    @Test
    void withoutATenThousandInstanceRunThereIsNoRow() throws Exception {
        assertThat(ResultsMarkdown.render(new ObjectMapper().readTree("""
                {"simulateScaling": [{"instances": 1000, "wallSeconds": 80.0, "simulationSeconds": 70.0,
                  "javaPeakMegabytes": 400, "motoPeakMegabytes": 275, "invariantsHeld": true,
                  "loadAverage": {"least": 1.0, "greatest": 2.0}}]}
                """), Optional.empty())).doesNotContain("`simulate` of 10000 instances");
    }
}
