package io.adoec2.azuredevops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdoJsonTest {

    @Test
    void mapsAVirtualMachineResourceWithItsAgentAndRunningJob() {
        String body = """
                {"agent":{"id":12,"name":"i-0abc","version":"4.248.0","status":"online","enabled":true,
                          "osDescription":"Linux","assignedRequest":{"requestId":4711,"jobName":"Deploy web",
                          "assignTime":"2026-11-25T10:15:30.1234567Z","poolId":3}},
                 "tags":["web","blue"],"id":42,"name":"i-0abc","type":"virtualMachine",
                 "createdOn":"2026-11-25T10:00:00.5Z","environmentReference":{"id":7,"name":"prod"}}""";

        VmResource resource = AdoJson.vmResource(Operation.VMRESOURCE_GET,
                AdoJson.parse(Operation.VMRESOURCE_GET, 200, body));

        assertThat(resource.id()).isEqualTo(42);
        assertThat(resource.name()).isEqualTo("i-0abc");
        assertThat(resource.tags()).containsExactly("web", "blue");
        assertThat(resource.createdOn()).isEqualTo(Instant.parse("2026-11-25T10:00:00.5Z"));
        Agent agent = resource.agent().orElseThrow();
        assertThat(agent).isEqualTo(new Agent(12, "i-0abc", "4.248.0", Agent.Status.ONLINE, true, Optional.of(
                new AgentJob(4711, "Deploy web", Optional.of(Instant.parse("2026-11-25T10:15:30.1234567Z"))))));
        assertThat(agent.busy()).isTrue();
    }

    @Test
    void anIdleOfflineDisabledAgent() {
        Agent agent = AdoJson.agent(Operation.AGENTS_LIST, AdoJson.parse(Operation.AGENTS_LIST, 200,
                "{\"id\":3,\"name\":\"a\",\"status\":\"offline\",\"enabled\":false}"));

        assertThat(agent).isEqualTo(new Agent(3, "a", "", Agent.Status.OFFLINE, false, Optional.empty()));
        assertThat(agent.busy()).isFalse();
    }

    @Test
    void anAgentWithoutAStatusHasAnUnknownOneThatIsNotOnline() {
        Agent agent = AdoJson.agent(Operation.VMRESOURCE_LIST, AdoJson.parse(Operation.VMRESOURCE_LIST, 200,
                "{\"id\":3,\"name\":\"a\",\"enabled\":true}"));

        assertThat(agent.status()).isEqualTo(Agent.Status.UNKNOWN);
        assertThat(agent.online()).isFalse();
        assertThat(agent.statusKnown()).isFalse();
    }

    @Test
    void datesWithoutAnOffsetAreUtc() {
        VmResource resource = AdoJson.vmResource(Operation.VMRESOURCE_LIST, AdoJson.parse(Operation.VMRESOURCE_LIST,
                200, "{\"id\":1,\"name\":\"n\",\"createdOn\":\"2026-01-02T03:04:05.123\"}"));

        assertThat(resource.createdOn()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123Z"));
        assertThat(resource.tags()).isEmpty();
        assertThat(resource.agent()).isEmpty();
    }

    @Test
    void listsReadTheValueArray() {
        var body = AdoJson.parse(Operation.ENVIRONMENTS_LIST, 200,
                "{\"count\":2,\"value\":[{\"id\":1,\"name\":\"prod\"},{\"id\":2,\"name\":\"production\"}]}");

        List<EnvironmentRef> environments = AdoJson.values(Operation.ENVIRONMENTS_LIST, body).stream()
                .map(item -> AdoJson.environment(Operation.ENVIRONMENTS_LIST, "p-1", item)).toList();

        assertThat(environments).containsExactly(new EnvironmentRef("p-1", 1, "prod"),
                new EnvironmentRef("p-1", 2, "production"));
    }

    @Test
    void aResponseWithoutWhatTheSpecPromisesIsAnErrorNamingTheOperation() {
        assertThatThrownBy(() -> AdoJson.project(Operation.PROJECTS_GET,
                AdoJson.parse(Operation.PROJECTS_GET, 200, "{\"name\":\"p\"}")))
                .isInstanceOf(AzureDevOpsException.class).hasMessageContaining("Projects_Get").hasMessageContaining("\"id\"");
        assertThatThrownBy(() -> AdoJson.parse(Operation.POOL_GET, 200, "<html/>"))
                .isInstanceOf(AzureDevOpsException.class).hasMessageContaining("Pool_Get").hasMessageContaining("not JSON");
        assertThatThrownBy(() -> AdoJson.values(Operation.AGENTS_LIST, AdoJson.parse(Operation.AGENTS_LIST, 200, "{}")))
                .isInstanceOf(AzureDevOpsException.class).hasMessageContaining("value");
        assertThatThrownBy(() -> AdoJson.vmResource(Operation.VMRESOURCE_GET, AdoJson.parse(Operation.VMRESOURCE_GET,
                200, "{\"id\":1,\"name\":\"n\",\"createdOn\":\"yesterday\"}")))
                .isInstanceOf(AzureDevOpsException.class).hasMessageContaining("createdOn");
    }
}
