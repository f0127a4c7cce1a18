package io.adoec2.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a user sees for a bad option value or a missing setting: the option, the value given and
 * what is allowed, in one message, before any work starts.
 */
class OptionValidationTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            simulate  | --instances                 | -5    | a whole number of at least 1
            simulate  | --instances                 | 0     | a whole number of at least 1
            simulate  | --lost-event-rate           | 2     | a number from 0 to 1
            simulate  | --busy-fraction             | -0.1  | a number from 0 to 1
            simulate  | --registration-failure-rate | 1.5   | a number from 0 to 1
            simulate  | --unmanaged                 | -1    | a whole number of at least 0
            simulator | --port                      | 70000 | a whole number from 0 to 65535
            simulator | --seed-vms                  | -1    | a whole number of at least 0
            simulator | --rate-limit                | -1    | a whole number of at least 0
            bench     | --runs                      | 0     | a whole number of at least 1
            bench     | --instances                 | 0     | a whole number of at least 1
            bench     | --rate-limit                | 0     | a whole number of at least 1
            bench     | --containers                | -2    | a whole number of at least 1
            bench     | --resources                 | 10    | a whole number of at least 100
            """)
    void aValueOutOfRangeNamesTheOptionTheValueAndWhatIsAllowed(String command, String option, String value,
                                                                 String allowed) {
        List<String> args = new java.util.ArrayList<>(List.of(command, option, value));
        if (command.equals("simulator")) {
            args.addAll(List.of("--pat", "not-used"));
        }
        Run run = new Run(args.toArray(String[]::new));

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).startsWith("Invalid value for option '" + option + "': '" + value + "' (allowed: "
                + allowed).contains(command + " --help");
        assertThat(run.out).isEmpty();
    }

    @Test
    void aValueOfTheWrongTypeNamesTheOptionAndTheValue() {
        Run run = new Run("simulate", "--instances", "lots");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("Invalid value for option '--instances': 'lots' is not an int");
    }

    @Test
    void theSimulatorsEntraAppNeedsItsTenantClientIdAndSecretTogether() {
        assumeTrue(System.getenv("SIMULATOR_ENTRA_CLIENT_SECRET") == null, "the app's secret is set here");
        Run alone = new Run("simulator", "--pat", "not-used", "--port", "0", "--entra-tenant", "contoso");
        Run noSecret = new Run("simulator", "--pat", "not-used", "--port", "0", "--entra-tenant", "contoso",
                "--entra-client-id", "66666666-7777-8888-9999-000000000000");

        assertThat(alone.exitCode).isEqualTo(2);
        assertThat(alone.err).contains("give --entra-tenant and --entra-client-id together");
        assertThat(noSecret.exitCode).isEqualTo(2);
        assertThat(noSecret.err).contains("the app's client secret in SIMULATOR_ENTRA_CLIENT_SECRET");
        assertThat(alone.out + noSecret.out).isEmpty();
    }

    @Test
    void reconcileNamesTheOptionAndTheVariableOfEachMissingSetting() {
        assumeTrue(System.getenv("TABLE_NAME") == null && System.getenv("ADO_ORGANIZATION_URL") == null
                && System.getenv("ADO_PAT_PARAMETER") == null, "the function's variables are set here");

        Run run = new Run("reconcile", "--dry-run", "--region", "eu-west-1");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--table or TABLE_NAME is not set",
                "--organization or ADO_ORGANIZATION_URL is not set", "--pat-parameter or ADO_PAT_PARAMETER is not set");
    }

    @Test
    void reconcileNamesTheOptionAndTheVariableOfABadValue() {
        Run run = new Run("reconcile", "--dry-run", "--region", "eu-west-1", "--table", "records",
                "--organization", "contoso", "--pat-parameter", "/ado/pat", "--confirm-minutes", "soon");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains(
                "--confirm-minutes or RECONCILE_CONFIRM_MINUTES must be a positive whole number, not 'soon'");
    }

    @Test
    void reconcileWithoutCredentialsSaysInOneLineWhatToSet(@TempDir Path home) throws IOException {
        assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_PROFILE") == null
                && System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == null
                && System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") == null
                && System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") == null,
                "this machine's environment holds AWS credentials");
        Path empty = Files.createFile(home.resolve("empty"));
        Map<String, String> noCredentials = new HashMap<>();
        noCredentials.put("aws.accessKeyId", null);
        noCredentials.put("aws.secretAccessKey", null);
        noCredentials.put("aws.sessionToken", null);
        noCredentials.put("aws.sharedCredentialsFile", empty.toString());
        noCredentials.put("aws.configFile", empty.toString());
        noCredentials.put("aws.disableEc2Metadata", "true");
        Map<String, String> before = swapSystemProperties(noCredentials);
        try {
            Run run = new Run("reconcile", "--dry-run", "--region", "eu-west-1", "--table", "records",
                    "--organization", "contoso", "--pat-parameter", "/ado/pat");

            assertThat(run.exitCode).isEqualTo(2);
            assertThat(run.err.strip()).doesNotContain("\n").doesNotContainIgnoringCase("provider")
                    .startsWith("reconcile: no AWS credentials: set AWS_PROFILE")
                    .contains("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        } finally {
            swapSystemProperties(before);
        }
    }

    @Test
    void reconcileWithAProfileThatGivesNoCredentialsNamesTheProfile(@TempDir Path home) throws IOException {
        assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null, "this machine's environment holds AWS credentials");
        Path empty = Files.createFile(home.resolve("empty"));
        Map<String, String> unknownProfile = new HashMap<>();
        unknownProfile.put("aws.accessKeyId", null);
        unknownProfile.put("aws.secretAccessKey", null);
        unknownProfile.put("aws.profile", "deployer");
        unknownProfile.put("aws.sharedCredentialsFile", empty.toString());
        unknownProfile.put("aws.configFile", empty.toString());
        unknownProfile.put("aws.disableEc2Metadata", "true");
        Map<String, String> before = swapSystemProperties(unknownProfile);
        try {
            Run run = new Run("reconcile", "--dry-run", "--region", "eu-west-1", "--table", "records",
                    "--organization", "contoso", "--pat-parameter", "/ado/pat");

            assertThat(run.exitCode).isEqualTo(2);
            assertThat(run.err.strip()).doesNotContain("\n")
                    .startsWith("reconcile: no AWS credentials from the profile 'deployer' (AWS_PROFILE)")
                    .contains("aws sso login --profile deployer");
        } finally {
            swapSystemProperties(before);
        }
    }

    private static Map<String, String> swapSystemProperties(Map<String, String> values) {
        Map<String, String> previous = new HashMap<>();
        values.forEach((name, value) -> {
            previous.put(name, System.getProperty(name));
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        return previous;
    }

    private static final class Run {
        final int exitCode;
        final String out;
        final String err;

        Run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            this.exitCode = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
            this.out = out.toString();
            this.err = err.toString();
        }
    }
}
