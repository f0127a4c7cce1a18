package io.adoec2.azuredevops.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import io.adoec2.azuredevops.simulator.entra.EntraSimulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatorServerTest {

    private static SimulatorServer.Options options(int seedVms, int ratePerMinute) {
        return new SimulatorServer.Options(0, "fabrikam", "Fiber", "production", "secret-pat-value", seedVms,
                ratePerMinute, 11);
    }

    @Test
    void seedsTwoAndAHalfThousandEc2NamedVmsWellUnderASecond() {
        long started = System.nanoTime();
        try (AzureDevOpsSimulator simulator = SimulatorServer.start(options(2_500, 0))) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            SimEnvironment environment = simulator.organization("fabrikam").project("Fiber").environment("production");

            assertThat(took).isLessThan(Duration.ofSeconds(1));
            assertThat(environment.vms()).hasSize(2_500)
                    .allSatisfy(vm -> assertThat(vm.name()).matches("i-0[0-9a-f]{16}"))
                    .allSatisfy(vm -> assertThat(vm.online()).isTrue());
            HttpResponse<String> listed = Http.withPat(simulator.baseUri(), "secret-pat-value")
                    .get("/fabrikam/Fiber/_apis/distributedtask/environments?" + Fixture.RELEASED);
            assertThat(Http.json(listed).get("value").get(0).get("name").asText()).isEqualTo("production");
        }
    }

    @Test
    void theSameSeedGivesTheSameNamesAndIds() {
        try (AzureDevOpsSimulator first = SimulatorServer.start(options(5, 0));
                AzureDevOpsSimulator second = SimulatorServer.start(options(5, 0))) {
            assertThat(first.organization("fabrikam").project("Fiber").environment("production").vms())
                    .isEqualTo(second.organization("fabrikam").project("Fiber").environment("production").vms());
            assertThat(first.organization("fabrikam").project("Fiber").id())
                    .isEqualTo(second.organization("fabrikam").project("Fiber").id());
        }
    }

    @Test
    void aRateLimitIsSwitchedOnWhenAsked() {
        try (AzureDevOpsSimulator simulator = SimulatorServer.start(options(0, 600))) {
            HttpResponse<String> response = Http.withPat(simulator.baseUri(), "secret-pat-value")
                    .get("/fabrikam/_apis/projects?" + Fixture.RELEASED);

            assertThat(response.headers().firstValue("X-RateLimit-Limit")).as("five minutes of 600 a minute")
                    .hasValue("3000");
        }
    }

    @Test
    void optionsNeverShowThePatAndRefuseNonsense() {
        assertThat(options(1, 0).toString()).doesNotContain("secret-pat-value").contains("pat=***");
        assertThatThrownBy(() -> new SimulatorServer.Options(0, "o", "p", "e", " ", 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pat");
        assertThatThrownBy(() -> new SimulatorServer.Options(0, "o", "p", "e", "x", -1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seedVms");
    }

    @Test
    void anEntraAppGivenToTheServerRegistersWithTheTokenItsSecretBuys() {
        SimulatorServer.EntraApp app = new SimulatorServer.EntraApp("tenant-1", "client-1", "app-secret-value");
        try (AzureDevOpsSimulator simulator = SimulatorServer.start(options(0, 0));
                EntraSimulator entra = SimulatorServer.trust(simulator, "fabrikam", app)) {
            HttpResponse<String> refused = Http.anonymous(entra.authority()).send("POST",
                    "/tenant-1/oauth2/v2.0/token", form("not-the-secret"));
            HttpResponse<String> token = Http.anonymous(entra.authority()).send("POST",
                    "/tenant-1/oauth2/v2.0/token", form("app-secret-value"));

            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(token.statusCode()).isEqualTo(200);
            HttpResponse<String> listed = Http.withBearer(simulator.baseUri(),
                    Http.json(token).get("access_token").asText())
                    .get("/fabrikam/Fiber/_apis/distributedtask/environments?" + Fixture.RELEASED);
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(app.toString()).doesNotContain("app-secret-value");
        }
    }

    private static String form(String secret) {
        return "grant_type=client_credentials&client_id=client-1&client_secret=" + secret
                + "&scope=499b84ac-1321-427f-aa17-267ca6975798%2F.default";
    }
}
