package io.adoec2.azuredevops.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private static List<Integer> statusesOf20Lists(long seed) {
        try (Fixture fixture = new Fixture(SimulatorOptions.defaults().withSeed(seed))) {
            fixture.simulator.faults().set("Vmresource_List", Fault.errors(0.3, 503));
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                statuses.add(fixture.alice.get(fixture.vms() + "?" + Fixture.PREVIEW).statusCode());
            }
            return statuses;
        }
    }

    @Test
    void rolledErrorsRepeatExactlyForTheSameSeed() {
        List<Integer> first = statusesOf20Lists(5);
        List<Integer> again = statusesOf20Lists(5);
        List<Integer> otherSeed = statusesOf20Lists(6);

        assertThat(first).isEqualTo(again).contains(200, 503).containsOnly(200, 503);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void failNextFailsExactlyThatManyCallsOfThatOperationWithAnAdoErrorBody() {
        try (Fixture fixture = new Fixture()) {
            fixture.simulator.faults().failNext("Vmresource_Delete", 2, 500);
            SimVm vm = fixture.environment.registerVm("i-0f", List.of());
            String delete = fixture.vms() + "/" + vm.resourceId() + "?" + Fixture.PREVIEW;

            HttpResponse<String> list = fixture.alice.get(fixture.vms() + "?" + Fixture.PREVIEW);
            HttpResponse<String> first = fixture.alice.send("DELETE", delete, null);
            HttpResponse<String> second = fixture.alice.send("DELETE", delete, null);
            HttpResponse<String> third = fixture.alice.send("DELETE", delete, null);

            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(first.statusCode()).isEqualTo(500);
            assertThat(Http.json(first).get("message").asText()).startsWith("TF400898");
            assertThat(second.statusCode()).isEqualTo(500);
            assertThat(third.statusCode()).isEqualTo(204);
            assertThat(fixture.environment.vms()).isEmpty();
        }
    }

    @Test
    void throttleNextRefusesThatManyCallsAsRateLimitedWithRetryAfter() {
        try (Fixture fixture = new Fixture()) {
            fixture.simulator.faults().throttleNext("Projects_List", 2, Duration.ofMillis(2500));
            String path = "/fabrikam/_apis/projects?" + Fixture.RELEASED;

            HttpResponse<String> first = fixture.alice.get(path);
            HttpResponse<String> second = fixture.alice.get(path);
            HttpResponse<String> third = fixture.alice.get(path);

            assertThat(first.statusCode()).isEqualTo(429);
            assertThat(first.headers().firstValue("Retry-After")).as("whole seconds, rounded up").hasValue("3");
            assertThat(Http.json(first).get("message").asText()).startsWith("TF400733");
            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(third.statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> fixture.simulator.faults().throttleNext("Projects_List", 1, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retryAfter");
        }
    }

    @Test
    void latencyPassesAsTheSimulatorIsToldSo() {
        List<Duration> passed = new ArrayList<>();
        try (Fixture fixture = new Fixture(SimulatorOptions.defaults().withPause(passed::add))) {
            fixture.simulator.faults().set("Projects_List", Fault.latency(Duration.ofMinutes(10)));

            HttpResponse<String> response = fixture.alice.get("/fabrikam/_apis/projects?" + Fixture.RELEASED);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(passed).containsExactly(Duration.ofMinutes(10));
        }
    }

    @Test
    void aDroppedConnectionGetsNoResponseAtAll() {
        try (Fixture fixture = new Fixture()) {
            fixture.simulator.faults().set("Projects_List", Fault.drops(1.0));

            assertThatThrownBy(() -> fixture.alice.get("/fabrikam/_apis/projects?" + Fixture.RELEASED))
                    .isInstanceOf(UncheckedIOException.class);
            // java.net.http retries an idempotent request once on a closed connection: one or two calls.
            assertThat(fixture.simulator.calls().all()).extracting(Call::status).isNotEmpty().containsOnly(0);
        }
    }

    @Test
    void latencyDelaysTheResponse() {
        try (Fixture fixture = new Fixture()) {
            fixture.simulator.faults().set("Projects_List", Fault.latency(Duration.ofMillis(300)));

            long started = System.nanoTime();
            HttpResponse<String> response = fixture.alice.get("/fabrikam/_apis/projects?" + Fixture.RELEASED);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void clearRemovesEveryFaultAndUnknownOperationsAreRefused() {
        try (Fixture fixture = new Fixture()) {
            fixture.simulator.faults().set("Projects_List", Fault.errors(1.0, 503));
            fixture.simulator.faults().failNext("Projects_Get", 5, 500);
            fixture.simulator.faults().clear();

            assertThat(fixture.alice.get("/fabrikam/_apis/projects?" + Fixture.RELEASED).statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> fixture.simulator.faults().set("Vmresource_Lsit", Fault.errors(1, 500)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Vmresource_List");
            assertThatThrownBy(() -> Fault.errors(1.5, 500)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
