package io.adoec2.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adoec2.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code simulate --chaos} end to end: with every kind of fault injected at once, from the seed,
 * no invariant breaks. A short run of each seed (the 300-instance run is the command line's).
 */
class SimulateChaosTest {
    private static final List<String> VIOLATIONS = List.of("orphans", "poolAgentsLeft", "wrongDeletions",
            "unmanagedDeleted",
            "jobsInterrupted", "hooksTimedOut", "stuckRecords");

    @ParameterizedTest(name = "seed {0}, {1} deletion model, agent status omitted: {2}")
    @CsvSource({"3, pessimistic, false", "4, optimistic, false", "5, pessimistic, true"})
    void everyFaultAtOnceBreaksNoInvariant(long seed, String deletionModel, boolean omitAgentStatus)
            throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exitCode;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            List<String> arguments = new ArrayList<>(List.of("simulate", "--instances", "40", "--lifecycle-hooks",
                    "--chaos", "--seed", Long.toString(seed), "--deletion-model", deletionModel, "--json"));
            if (omitAgentStatus) {
                arguments.add("--omit-agent-status");
            }
            exitCode = new CommandLine(new Main()).execute(arguments.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        JsonNode report = new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8));

        assertThat(exitCode).as(report.toString()).isZero();
        assertThat(report.path("seed").asLong()).isEqualTo(seed);
        assertThat(report.path("deletionModel").asText()).isEqualTo(deletionModel);
        for (String violation : VIOLATIONS) {
            assertThat(report.path(violation).asInt()).as(violation + " in " + report).isZero();
        }
        JsonNode faults = report.path("faultsInjected");
        assertThat(faults.size()).isEqualTo(FaultKind.values().length);
        for (FaultKind kind : FaultKind.values()) {
            assertThat(faults.path(kind.jsonName()).asInt()).as(kind.jsonName() + " injected in " + faults)
                    .isPositive();
        }
    }
}
