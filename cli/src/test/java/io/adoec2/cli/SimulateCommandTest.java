package io.adoec2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The main job as a user runs it: the command line in, the JSON summary and exit code out. */
class SimulateCommandTest {

    private record Run(int exitCode, JsonNode summary) {}

    private static Run simulate(String... options) throws Exception {
        String[] args = new String[options.length + 2];
        args[0] = "simulate";
        System.arraycopy(options, 0, args, 1, options.length);
        args[args.length - 1] = "--json";
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = Main.run(args);
        } finally {
            System.setOut(original);
        }
        return new Run(exitCode, new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8)));
    }

    @Test
    void everyInstanceAppearsAndDisappearsThroughTheSnsPath() throws Exception {
        Run run = simulate("--instances", "12", "--seed", "4");

        assertThat(run.exitCode()).isZero();
        JsonNode summary = run.summary();
        assertThat(summary.get("registered").asInt()).isEqualTo(12);
        assertThat(summary.get("deregistered").asInt()).isEqualTo(12);
        assertThat(summary.get("orphans").asInt()).isZero();
        assertThat(summary.get("wrongDeletions").asInt()).isZero();
        assertThat(summary.get("adoCalls").get("perLifecycle").asDouble()).isLessThanOrEqualTo(3.0);
        assertThat(summary.get("adoCalls").get("byOperation").get("Vmresource_Delete").asInt()).isEqualTo(12);
    }

    @Test
    void hooksDrainBusyAgentsAndAbandonFailedRegistrations() throws Exception {
        Run run = simulate("--instances", "20", "--lifecycle-hooks", "--busy-fraction", "0.5",
                "--registration-failure-rate", "0.2", "--seed", "9");

        assertThat(run.exitCode()).isZero();
        JsonNode summary = run.summary();
        assertThat(summary.get("jobsInterrupted").asInt()).isZero();
        assertThat(summary.get("hooksTimedOut").asInt()).isZero();
        assertThat(summary.get("orphans").asInt()).isZero();
        assertThat(summary.get("registrationFailures").asInt()).isPositive()
                .isEqualTo(summary.get("abandoned").asInt());
        assertThat(summary.get("hooksCompleted").asInt()).isEqualTo(2 * summary.get("instances").asInt()
                - summary.get("abandoned").asInt());
    }

    @Test
    void withoutTheReconcilerTheHandlersAloneLeaveNothingBehind() throws Exception {
        Run run = simulate("--instances", "6", "--no-reconcile", "--seed", "2");

        assertThat(run.exitCode()).isZero();
        assertThat(run.summary().at("/reconciler/passes").asInt()).isZero();
        assertThat(run.summary().get("deregistered").asInt()).isEqualTo(6);
        assertThat(run.summary().get("orphans").asInt()).isZero();
    }

    @Test
    void theSameSeedReplaysTheSameRun() throws Exception {
        JsonNode first = simulate("--instances", "8", "--lifecycle-hooks", "--busy-fraction", "0.5", "--seed", "21")
                .summary();
        JsonNode second = simulate("--instances", "8", "--lifecycle-hooks", "--busy-fraction", "0.5", "--seed", "21")
                .summary();

        for (String wallTime : List.of("durationMs", "setupMs", "simulationMs")) {
            ((ObjectNode) first).remove(wallTime);
            ((ObjectNode) second).remove(wallTime);
        }
        assertThat(second).isEqualTo(first);
    }

    @Test
    void badOptionsAreRefusedWithUsageErrors() throws Exception {
        assertThat(Main.run("simulate", "--busy-fraction", "2")).isEqualTo(2);
        assertThat(Main.run("simulate", "--instances", "lots")).isEqualTo(2);
    }
}
