package io.adoec2.azuredevops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** HTTP clients and the control API at once: nothing lost, nothing doubled, every call logged. */
class ConcurrencyTest {

    @Test
    void concurrentRegistrationsThroughHttpAndTheControlApiAllLand() throws Exception {
        try (Fixture fixture = new Fixture(); ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String name = "i-0http" + i;
                results.add(pool.submit(() -> fixture.alice.send("POST", fixture.vms() + "?" + Fixture.PREVIEW,
                        "{\"virtualMachineResource\":{\"name\":\"" + name + "\",\"agent\":{\"name\":\"" + name
                                + "\"}}}").statusCode()));
                int n = i;
                results.add(pool.submit(() -> fixture.environment.registerVm("i-0ctl" + n, List.of()).resourceId()));
                results.add(pool.submit(() -> fixture.alice.get(fixture.vms() + "?" + Fixture.PREVIEW).statusCode()));
            }
            for (Future<Integer> result : results) {
                result.get();
            }

            List<SimVm> vms = fixture.environment.vms();
            assertThat(vms).hasSize(200);
            assertThat(vms).extracting(SimVm::resourceId).doesNotHaveDuplicates();
            assertThat(vms).extracting(SimVm::agentId).doesNotHaveDuplicates();
            assertThat(fixture.simulator.calls().countsByOperation())
                    .containsEntry("Vmresource_Add", 100L).containsEntry("Vmresource_List", 100L);
            HttpResponse<String> listed = fixture.alice.get(fixture.vms() + "?" + Fixture.PREVIEW);
            assertThat(Http.json(listed).get("count").asInt()).isEqualTo(200);
        }
    }
}
