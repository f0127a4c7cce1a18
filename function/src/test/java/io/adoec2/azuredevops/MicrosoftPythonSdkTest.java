package io.adoec2.azuredevops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adoec2.azuredevops.simulator.AzureDevOpsSimulator;
import io.adoec2.azuredevops.simulator.SimAgent;
import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.azuredevops.simulator.SimOrganization;
import io.adoec2.azuredevops.simulator.SimProject;
import io.adoec2.azuredevops.simulator.SimVm;
import io.adoec2.azuredevops.simulator.SimulatorOptions;
import io.adoec2.localaws.ProjectRoot;
import io.adoec2.localaws.PythonTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Microsoft's own client, the azure-devops Python SDK (7.1.0b4, installed unmodified into the
 * project's venv), runs against the simulator: its location discovery, core get_project, task
 * agent get_environments, get_agents with assigned requests, update_agent, delete_agent, and its
 * authentication error for a refused PAT. A real client's expectations checked against the stand-in.
 */
class MicrosoftPythonSdkTest {
    private static final String PAT = "sdk-pat-0123456789abcdef";

    @Test
    void theSdkRunsUnmodifiedAgainstTheSimulator() throws IOException, InterruptedException {
        Path root = ProjectRoot.find();
        PythonTools python = PythonTools.installed(root);
        try (AzureDevOpsSimulator simulator = AzureDevOpsSimulator.start(SimulatorOptions.defaults())) {
            SimOrganization organization = simulator.organization("contoso");
            organization.addPat(PAT, "SDK user");
            SimProject project = organization.project("Platform");
            SimEnvironment environment = project.environment("production");
            project.environment("staging");
            SimVm busy = environment.registerVm("i-0busy", List.of());
            SimVm idle = environment.registerVm("i-0idle", List.of());
            environment.setAgentOnline(busy.resourceId(), true);
            assertThat(environment.startJob(busy.resourceId(), "Deploy web")).isTrue();

            JsonNode result = run(python.python(), root.resolve("function/src/test/resources/python/"
                    + "azure_devops_sdk_calls.py"), simulator.organizationUrl("contoso").toString(), "Platform",
                    Integer.toString(environment.poolId()));

            assertThat(result.path("project").path("id").asText()).isEqualTo(project.id());
            assertThat(result.path("environments")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("production", "staging");
            assertThat(result.path("agents")).extracting(JsonNode::asText).containsExactly("i-0busy", "i-0idle");
            assertThat(result.path("busy")).extracting(JsonNode::asText).containsExactly("i-0busy");
            assertThat(result.path("disabled").path("id").asInt()).isEqualTo(idle.agentId());
            assertThat(result.path("disabled").path("enabled").asBoolean()).isFalse();
            assertThat(environment.poolAgents()).extracting(SimAgent::name).containsExactly("i-0busy");
            assertThat(result.path("refusal").asText()).isEqualTo("AzureDevOpsAuthenticationError");
        }
    }

    /** The PAT goes in the environment, never on the command line. */
    private static JsonNode run(Path python, Path script, String... arguments) throws IOException,
            InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(python.toString(), script.toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("sdk", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("ADO_PAT", PAT);
            Process process = builder.start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the SDK script finished").isTrue();
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(printed).isZero();
            return new ObjectMapper().readTree(printed.lines().reduce((first, last) -> last).orElse("{}"));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
