package io.adoec2.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RESULTS.md's cold-start section and summary rows, rendered from the figures lambda-it's ColdStart writes. */
class ResultsMarkdownColdStartTest {

    private static JsonNode figures(String coldStart, String setup) throws Exception {
        return new ObjectMapper().readTree("""
                {"coldStart": %s,
                 "coldStartSetup": {"measuredAt": "2026-11-30T11:00:00Z", "runs": 5,
                     "baseline": "baseline.TrivialHandler::handleRequest, one class",
                     %s
                     "javaToolOptions": {"lambdaDefault": "-XX:TieredStopAtLevel=1"}}}
                """.formatted(coldStart, setup));
    }

    /** Both yardsticks and the SNS function, as a run of tools/measure-cold-start.sh leaves them. */
    private static final String MEASURED = """
            {"trivial-java": {"lambdaDefault": {"firstInvokeMs": {"median": 400.0, "min": 400.0, "max": 400.0},
                 "cpuMs": {"median": 300.0, "min": 300.0, "max": 300.0},
                 "firstInvokeRatio": 1.0, "cpuRatio": 1.0, "sameCallsFirstInvokeRatio": 0.5, "sameCallsCpuRatio": 0.6}},
             "same-calls-java": {"lambdaDefault": {"firstInvokeMs": {"median": 800.0, "min": 800.0, "max": 800.0},
                 "cpuMs": {"median": 500.0, "min": 500.0, "max": 500.0},
                 "firstInvokeRatio": 2.0, "cpuRatio": 1.67}},
             "asg-notifications": {"lambdaDefault": {"firstInvokeMs": {"median": 1000.0, "min": 1000.0, "max": 1000.0},
                 "cpuMs": {"median": 900.0, "min": 900.0, "max": 900.0},
                 "firstInvokeRatio": 1.25, "cpuRatio": 3.0, "sameCallsFirstInvokeRatio": 1.25, "sameCallsCpuRatio": 1.8}}}
            """;

    @Test
    void eachFunctionsRatiosToTheSameCallsHandlerStandBesideItsRatiosToTheTrivialOneAndAreExplained() throws Exception {
        String markdown = ResultsMarkdown.render(figures(MEASURED,
                "\"sameCallsBaseline\": \"baseline.SameCallsHandler::handleRequest, the same requests\","),
                Optional.empty());

        assertThat(markdown).contains("| first answer / trivial | CPU / trivial | first answer / same calls "
                        + "| CPU / same calls |",
                "| asg-notifications | lambdaDefault: `-XX:TieredStopAtLevel=1` | – | 1000 | 900 | – | – | 1.25 | 3.00 "
                        + "| 1.25 | 1.80 |",
                "| same-calls-java | lambdaDefault: `-XX:TieredStopAtLevel=1` | – | 800 | 500 | – | – | 2.00 | 1.67 "
                        + "| – | – |",
                "the same-calls handler (`same-calls-java`: baseline.SameCallsHandler::handleRequest, the same "
                        + "requests). A function's ratio to it says how much of its gap to the trivial handler is its "
                        + "own code");
        assertThat(markdown).as("the issue's targets stay against the trivial handler, over the functions alone: the "
                        + "same-calls handler's 2.00 is no function's")
                .contains("| cold start: every function's first answer over the trivial handler's (the highest) "
                        + "| 1.25 | ≤ 1.3 | yes |")
                .contains("| cold start: SNS function's first answer over a trivial Java handler's, Lambda's default "
                        + "flags | 1.25 | ≤ 1.2 | **no** (see below) |");
        assertThat(markdown).as("the gap says what the same calls alone take").contains("Making the same requests "
                + "and nothing else takes a fresh JVM 800 ms (2.00× the trivial handler's): the function's first "
                + "answer is 1.25× that, its CPU 1.80×.");
    }

    @Test
    void figuresMeasuredBeforeTheSameCallsHandlerExistedRenderWithoutItsRatios() throws Exception {
        String markdown = ResultsMarkdown.render(figures("""
                {"asg-notifications": {"lambdaDefault": {"firstInvokeMs": {"median": 1000.0, "min": 1000.0,
                    "max": 1000.0}, "firstInvokeRatio": 1.5}}}
                """, ""), Optional.empty());

        assertThat(markdown).contains("| asg-notifications | lambdaDefault: `-XX:TieredStopAtLevel=1` | – | 1000 | – "
                + "| – | – | 1.50 | – | – | – |").doesNotContain("same-calls handler", "Making the same requests");
    }
}
