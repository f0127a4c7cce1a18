package io.adoec2.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adoec2.localaws.ProjectRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The benchmark at a tiny size, one run of each part: the files it writes and what they must hold. */
class BenchCommandTest {

    @TempDir
    Path out;

    /** What lambda-it's cold-start measurement leaves in results.json (tools/measure-cold-start.sh). */
    private static final String EARLIER_COLD_START = """
            {"artifactBytes": 1,
             "coldStart": {"asg-notifications": {"lambdaDefault": {
                 "initMs": {"median": 300.0, "min": 290.0, "max": 320.0},
                 "firstInvokeMs": {"median": 250.0, "min": 240.0, "max": 270.0}}}},
             "coldStartSetup": {"measuredAt": "2026-11-25T13:59:31Z", "runs": 5,
                 "javaToolOptions": {"lambdaDefault": "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"}}}
            """;

    @Test
    void aTinyBenchWritesEveryFigureAsMedianMinMaxAndAReadableSummary() throws Exception {
        Files.writeString(out.resolve("results.json"), EARLIER_COLD_START);
        Files.writeString(out.resolve("LEVERS.md"), "## Levers\n\nkept by hand\n");
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = new CommandLine(new BenchCommand()).execute("--runs", "1", "--seeds", "1", "--instances", "10",
                    "--terminations", "10", "--resources", "300", "--rate-limit", "1000", "--containers", "3",
                    "--no-cold-start", "--simulate-scale", "10", "--out", out.toString(), "--json");
        } finally {
            System.setOut(original);
        }

        assertThat(exitCode).isZero();
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(new ObjectMapper().readTree(printed.toString(StandardCharsets.UTF_8))).isEqualTo(results);
        for (String section : new String[] {"calls", "burst", "reconcile", "scale"}) {
            assertThat(results.at("/measured/" + section + "/runs").asInt()).as(section).isEqualTo(1);
            assertThat(results.at("/measured/" + section + "/measuredAt").asText()).as(section).isNotEmpty();
        }
        assertThat(results.at("/measured/coldstart").isMissingNode()).as("--no-cold-start").isTrue();

        for (String mode : new String[] {"sns", "hooks", "optimistic/sns", "optimistic/hooks"}) {
            JsonNode calls = results.at("/callsPerLifecycle/" + mode);
            assertFigure(calls.get("perLifecycle"));
            assertThat(calls.get("invariantsHeld").asBoolean()).as(mode).isTrue();
            assertThat(calls.at("/byOperationPerLifecycle/Vmresource_Delete/median").asDouble())
                    .as("each instance's VM resource is deleted once").isEqualTo(1.0);
        }
        assertThat(results.at("/callsPerLifecycle/hooks/byOperationPerLifecycle/Agents_Update/median").asDouble())
                .as("each terminating agent is disabled first").isEqualTo(1.0);

        JsonNode burst = results.get("burst");
        assertThat(burst.get("terminations").asInt()).isEqualTo(10);
        assertFigure(burst.get("wallSeconds"));
        assertThat(burst.at("/failedInvocations/max").asDouble()).isZero();
        assertThat(burst.at("/vmResourcesLeft/max").asDouble()).isZero();
        assertThat(burst.get("ratioToFloor").isNull()).as("10 calls never reach a limit of 1000").isTrue();

        Path jar = ProjectRoot.find().resolve(LambdaJar.PATH);
        assertThat(results.get("artifactBytes").asLong()).isEqualTo(Files.size(jar));
        assertThat(results.at("/coldStart/asg-notifications/lambdaDefault/firstInvokeMs/median").asDouble())
                .as("the cold-start measurement's figures are kept").isEqualTo(250.0);

        JsonNode scaling = results.get("simulateScaling");
        assertThat(scaling).hasSize(1);
        assertThat(scaling.get(0).get("instances").asInt()).isEqualTo(10);
        assertThat(scaling.get(0).get("invariantsHeld").asBoolean()).isTrue();
        assertThat(scaling.get(0).get("wallSeconds").asDouble()).isPositive();
        assertThat(scaling.get(0).get("javaPeakMegabytes").asDouble()).as("the simulation JVM's resident peak")
                .isPositive();
        assertThat(scaling.get(0).get("motoPeakMegabytes").asDouble()).as("moto's resident peak").isPositive();

        JsonNode reconcile = results.get("reconcile");
        assertThat(reconcile.get("vmResources").asInt()).isEqualTo(300);
        assertThat(reconcile.at("/firstPass/removed/median").asDouble()).isZero();
        assertThat(reconcile.at("/secondPass/removed/median").asDouble()).as("the 3 orphans, after two sightings")
                .isEqualTo(3);
        assertThat(reconcile.at("/firstPass/adoCallsByOperation/Vmresource_List/median").asDouble())
                .as("one page of 300").isEqualTo(1);
        assertFigure(reconcile.at("/secondPass/peakHeapMegabytes"));
        assertThat(reconcile.at("/secondPass/complete").asBoolean()).isTrue();

        String markdown = Files.readString(out.resolve("RESULTS.md"));
        assertThat(markdown).startsWith("# Benchmark results").contains("## Azure DevOps calls per lifecycle",
                "## Burst under the rate limit", "## Cold start", "## Lambda jar", "## Reconcile at scale",
                "## simulate as the fleet grows",
                "| Azure DevOps calls per lifecycle, SNS notifications (10 instances, pessimistic deletion) |",
                "## Sizes and time",
                "| asg-notifications | lambdaDefault: `-XX:+TieredCompilation -XX:TieredStopAtLevel=1` | 300 (290–320) "
                        + "| 250 (240–270) | – |", "measured at 2026-11-25T13:59:31Z");
        assertThat(markdown).as("the hand-kept levers close the document").endsWith("## Levers\n\nkept by hand\n");
        assertThat(markdown).as("rendered from results.json alone").isEqualTo(ResultsMarkdown.render(results,
                java.util.Optional.of("## Levers\n\nkept by hand\n")));
    }

    /** An earlier bench's calls, as results.json holds them: a section the next run does not measure again. */
    private static final String EARLIER_CALLS = """
            {"generatedAt": "2026-11-29T10:00:00Z", "machine": {"cores": 2, "java": "21"},
             "measured": {"calls": {"measuredAt": "2026-11-29T09:40:00Z", "loadAverageAtStart": 3.25,
                 "loadAverageAtEnd": 4.5, "seconds": 1200, "runs": 2}},
             "callsPerLifecycle": {"instances": 200,
                 "sns": {"perLifecycle": {"median": 2.125, "min": 2.1, "max": 2.15, "runs": [2.1, 2.15]},
                         "byOperationPerLifecycle": {}, "invariantsHeld": true},
                 "hooks": {"perLifecycle": {"median": 3.25, "min": 3.25, "max": 3.25, "runs": [3.25, 3.25]},
                         "byOperationPerLifecycle": {}, "invariantsHeld": true},
                 "optimistic": {
                   "sns": {"perLifecycle": {"median": 2.0, "min": 2.0, "max": 2.0, "runs": [2.0, 2.0]},
                           "byOperationPerLifecycle": {}, "invariantsHeld": true},
                   "hooks": {"perLifecycle": {"median": 3.0, "min": 3.0, "max": 3.0, "runs": [3.0, 3.0]},
                           "byOperationPerLifecycle": {}, "invariantsHeld": true}}}}
            """;

    @Test
    void onlyTheNamedSectionsAreMeasuredAndTheOthersKeptAndRendered() throws Exception {
        Files.writeString(out.resolve("results.json"), EARLIER_CALLS);

        int exitCode = quietly("--only", "burst", "--terminations", "5", "--containers", "2", "--burst-runs", "1",
                "--out", out.toString());

        assertThat(exitCode).isZero();
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.at("/callsPerLifecycle/hooks/perLifecycle/median").asDouble()).isEqualTo(3.25);
        assertThat(results.at("/measured/calls/measuredAt").asText()).isEqualTo("2026-11-29T09:40:00Z");
        assertThat(results.at("/burst/terminations").asInt()).isEqualTo(5);
        assertThat(results.at("/burst/vmResourcesLeft/max").asDouble()).isZero();
        assertThat(results.at("/measured/burst/measuredAt").asText()).isNotEqualTo("2026-11-29T09:40:00Z");
        assertThat(results.has("reconcile")).as("not measured, nothing made up").isFalse();
        String markdown = Files.readString(out.resolve("RESULTS.md"));
        assertThat(markdown).contains("| Azure DevOps calls per lifecycle, lifecycle hooks (200 instances, pessimistic "
                        + "deletion) | 3.25 | ≤ 3.3 | yes |",
                "measured at 2026-11-29T09:40:00Z, load average 3.25 at the start and 4.50 at the end, in 1200 s, 2 run(s)",
                "## Reconcile at scale\n\nNot measured yet");
    }

    @Test
    void renderWritesResultsMdFromResultsJsonAloneAndMeasuresNothing() throws Exception {
        Files.writeString(out.resolve("results.json"), EARLIER_CALLS);

        assertThat(quietly("--render", "--out", out.toString())).isZero();

        assertThat(new ObjectMapper().readTree(out.resolve("results.json").toFile()))
                .isEqualTo(new ObjectMapper().readTree(EARLIER_CALLS));
        assertThat(Files.readString(out.resolve("RESULTS.md")))
                .isEqualTo(ResultsMarkdown.render(new ObjectMapper().readTree(EARLIER_CALLS), java.util.Optional.empty()))
                .contains("| Azure DevOps calls per lifecycle, SNS notifications (200 instances, pessimistic deletion) "
                        + "| 2.13 (2.10–2.15) | ≤ 2.2 | yes |");
    }

    @Test
    void anUnknownSectionIsRefusedByName() {
        java.io.StringWriter errors = new java.io.StringWriter();
        CommandLine command = new CommandLine(new BenchCommand()).setErr(new java.io.PrintWriter(errors));

        int exitCode = command.execute("--only", "calls,warp", "--out", out.toString());

        assertThat(exitCode).isNotZero();
        assertThat(errors.toString()).contains("--only: no section named 'warp'", "calls, burst, reconcile, scale, "
                + "coldstart");
        assertThat(out.resolve("results.json")).doesNotExist();
    }

    private static int quietly(String... arguments) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new BenchCommand()).execute(arguments);
        } finally {
            System.setOut(original);
        }
    }

    private static void assertFigure(JsonNode figure) {
        assertThat(figure.get("runs")).hasSize(1);
        double run = figure.get("runs").get(0).asDouble();
        assertThat(figure.get("median").asDouble()).isEqualTo(run);
        assertThat(figure.get("min").asDouble()).isEqualTo(run);
        assertThat(figure.get("max").asDouble()).isEqualTo(run);
    }
}
