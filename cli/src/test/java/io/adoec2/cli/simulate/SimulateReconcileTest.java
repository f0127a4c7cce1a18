package io.adoec2.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adoec2.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code simulate} with lost notifications and hand-registered resources: the reconciler must
 * leave no orphan and touch nothing that is not its own.
 */
class SimulateReconcileTest {

    @Test
    void lostNotificationsLeaveNoOrphanAndHandMadeResourcesSurvive() throws IOException {
        JsonNode report = simulate("--instances", "20", "--lost-event-rate", "0.5", "--unmanaged", "6",
                "--seed", "3", "--json");

        assertThat(report.path("invariantsHeld").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("lostNotifications").asInt()).isPositive();
        assertThat(report.path("reconcilerRemoved").asInt()).isPositive();
        assertThat(report.path("reconciler").path("adopted").asInt()).isPositive();
        assertThat(report.path("orphans").asInt()).isZero();
        assertThat(report.path("poolAgentsLeft").asInt()).isZero();
        assertThat(report.path("wrongDeletions").asInt()).isZero();
        assertThat(report.path("unmanagedDeleted").asInt()).isZero();
        assertThat(report.path("deregistered").asInt()).as("every record closed").isEqualTo(20);
    }

    @Test
    void theSnsPathLeavesNoPoolAgentInTheOptimisticModelEither() throws IOException {
        JsonNode report = simulate("--instances", "20", "--lost-event-rate", "0.3", "--deletion-model", "optimistic",
                "--seed", "4", "--json");

        assertThat(report.path("invariantsHeld").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("deletionModel").asText()).isEqualTo("optimistic");
        assertThat(report.path("orphans").asInt()).isZero();
        assertThat(report.path("poolAgentsLeft").asInt()).isZero();
    }

    private static JsonNode simulate(String... args) throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exitCode;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            String[] command = new String[args.length + 1];
            command[0] = "simulate";
            System.arraycopy(args, 0, command, 1, args.length);
            exitCode = new CommandLine(new Main()).execute(command);
        } finally {
            System.setOut(original);
        }
        JsonNode report = new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8));
        assertThat(exitCode).as(report.toString()).isZero();
        return report;
    }
}
