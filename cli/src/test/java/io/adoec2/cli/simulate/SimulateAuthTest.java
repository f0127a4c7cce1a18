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
 * {@code simulate --auth workload-identity} with lifecycle hooks and chaos: the functions hold no
 * secret, get their tokens through the local STS issuer and the Entra stand-in, and every
 * invariant holds. (The other modes are run the same way; this one takes every step.)
 */
class SimulateAuthTest {

    @Test
    void workloadIdentityRunsTheWholeSystemWithEveryInvariantHeld() throws IOException {
        JsonNode report = simulate("--instances", "6", "--lifecycle-hooks", "--chaos", "--seed", "5",
                "--auth", "workload-identity", "--json");

        assertThat(report.path("invariantsHeld").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("orphans").asInt()).isZero();
        JsonNode auth = report.path("auth");
        assertThat(auth.path("mode").asText()).isEqualTo("workload-identity");
        assertThat(auth.path("accessTokens").asInt()).as("the event functions' and the reconciler's").isGreaterThanOrEqualTo(2);
        assertThat(auth.path("webIdentityTokens").asInt()).as("an STS token for each exchange")
                .isGreaterThanOrEqualTo(auth.path("accessTokens").asInt());
    }

    @Test
    void anUnknownModeIsRefusedNamingTheChoices() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = new CommandLine(new Main()).execute("simulate", "--auth", "sp");
        } finally {
            System.setErr(original);
        }
        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Invalid value for option '--auth': 'sp' (allowed: pat, service-principal, workload-identity)");
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
