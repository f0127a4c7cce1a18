package io.adoec2.lifecycle.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.azuredevops.EnvironmentRef;
import io.adoec2.azuredevops.ProjectRef;
import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.azuredevops.simulator.SimProject;
import io.adoec2.azuredevops.simulator.SimVm;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.OrganizationUrl;
import io.adoec2.lifecycle.ResolvedEnvironment;
import io.adoec2.testing.FunctionHarness;
import io.adoec2.testing.LocalAws;
import io.adoec2.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One environment of 10,000 VM resources, 201 of them managed and orphaned: Azure DevOps is
 * listed in pages of 1000 (calls grow with pages, not resources), EC2 is asked in batches of
 * 200 ids, and only the orphans are deleted.
 */
class ReconcileScaleTest {
    private static final int RESOURCES = 10_000;
    private static final int ORPHANS = 201;
    private static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private FunctionHarness harness;

    @BeforeEach
    void start() {
        harness = new FunctionHarness(clock);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void tenThousandResourcesCostPagesNotResources() {
        SimProject project = harness.organization.project(FunctionHarness.PROJECT);
        SimEnvironment environment = project.environment(LocalAws.unique("fleet"));
        ResolvedEnvironment where = new ResolvedEnvironment(
                OrganizationUrl.parse(harness.simulator.organizationUrl(FunctionHarness.ORGANIZATION).toString()),
                new ProjectRef(project.id(), project.name()),
                new EnvironmentRef(project.id(), environment.id(), environment.name()));
        List<String> orphans = harness.ec2.runInstances(ORPHANS, Map.of());
        for (String instanceId : orphans) {
            assertThat(harness.runtime.store().create(InstanceRecord.launching(instanceId, Optional.of("fleet-asg"),
                    where, List.of(), Optional.empty(), START))).isTrue();
            environment.setAgentOnline(environment.registerVm(instanceId, List.of()).resourceId(), false);
        }
        for (int i = ORPHANS; i < RESOURCES; i++) {
            environment.registerVm(String.format("host-%05d", i), List.of());
        }
        harness.ec2.terminateAll(orphans);
        clock.advance(ReconcileSettings.DEFAULT_BOOT_GRACE.plusMinutes(1));
        Reconciler reconciler = harness.runtime.reconciler();

        long describesBefore = harness.awsCalls.count("ec2:DescribeInstances");
        ReconcileReport firstSighting = reconciler.run();

        assertThat(firstSighting.results()).hasSize(ORPHANS).allSatisfy(result -> {
            assertThat(result.action().kind()).isEqualTo(Action.Kind.OBSERVE_GONE);
            assertThat(result.status()).isEqualTo(ActionResult.Status.DONE);
        });
        assertThat(firstSighting.plan().environments()).singleElement().satisfies(view -> {
            assertThat(view.resources()).isEqualTo(RESOURCES);
            assertThat(view.managed()).isEqualTo(ORPHANS);
        });
        assertThat(harness.functionCalls()).as("10 pages of 1000 and the pool's agents; the records hold every id,"
                        + " so no lookup").containsOnly(Map.entry("Vmresource_List", 10L), Map.entry("Pool_Get", 1L),
                        Map.entry("Agents_List", 1L));
        assertThat(harness.awsCalls.count("ec2:DescribeInstances") - describesBefore)
                .as("201 ids in batches of 200, and one page of tagged instances to adopt").isEqualTo(2 + 1);

        clock.advance(Duration.ofMinutes(5));
        ReconcileReport confirmed = reconciler.run();

        assertThat(confirmed.removed()).isEqualTo(ORPHANS);
        assertThat(harness.functionCalls()).containsOnly(Map.entry("Vmresource_List", 20L), Map.entry("Pool_Get", 1L),
                Map.entry("Agents_List", 2L), Map.entry("Vmresource_Delete", (long) ORPHANS),
                Map.entry("Agents_Delete", (long) ORPHANS));
        assertThat(environment.poolAgents()).hasSize(RESOURCES - ORPHANS);
        List<SimVm> left = environment.vms();
        assertThat(left).hasSize(RESOURCES - ORPHANS).allMatch(vm -> vm.name().startsWith("host-"));
    }
}
