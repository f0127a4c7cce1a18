package io.adoec2.lifecycle;

import io.adoec2.azuredevops.Agent;
import io.adoec2.azuredevops.AzureDevOps;
import io.adoec2.azuredevops.VmResource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A Spot interruption warning gives two minutes, too short to wait for most jobs: the agent is
 * disabled at once so it starts none. Removal follows with the termination.
 */
public final class SpotWarning {
    private static final int MAX_ATTEMPTS = 5;

    private final RegistrationStore store;
    private final Organizations organizations;
    private final EnvironmentResolver resolver;
    private final Clock clock;

    SpotWarning(RegistrationStore store, Organizations organizations, EnvironmentResolver resolver, Clock clock) {
        this.store = store;
        this.organizations = organizations;
        this.resolver = resolver;
        this.clock = clock;
    }

    public Outcome interrupting(LifecycleEvent.SpotInterruption warning) {
        String instanceId = warning.instanceId();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<InstanceRecord> found = store.find(instanceId);
            if (found.isEmpty() || found.get().status().isFinal() || found.get().environment().isEmpty()) {
                return new Outcome(Outcome.Result.INFORMATIONAL, instanceId, "Spot interruption of an instance we hold "
                        + "no live record of");
            }
            InstanceRecord record = found.get();
            InstanceRecord.RecordedEnvironment where = record.environment().get();
            AzureDevOps azureDevOps = organizations.organization(where.organization());
            List<VmResource> resources = InstanceResources.find(azureDevOps, where.environment(), record.resourceId(),
                    instanceId);
            Optional<Agent> agent = resources.stream().findFirst().flatMap(VmResource::agent);
            if (agent.isEmpty()) {
                return new Outcome(Outcome.Result.INFORMATIONAL, instanceId, "Spot interruption; no agent to disable");
            }
            int poolId = record.agent().map(InstanceRecord.AgentRef::poolId)
                    .orElseGet(() -> resolver.poolId(where.organization(), where.environment()));
            if (agent.get().enabled()) {
                azureDevOps.setAgentEnabled(poolId, agent.get().id(), false);
            }
            if (store.update(record.draining(Optional.of(resources.getFirst().id()),
                    Optional.of(new InstanceRecord.AgentRef(poolId, agent.get().id())), record.hook(),
                    clock.instant()))) {
                return new Outcome(Outcome.Result.DRAINING, instanceId, "Spot interruption: agent disabled");
            }
        }
        throw new IllegalStateException("the record of " + instanceId + " kept changing under " + MAX_ATTEMPTS
                + " attempts to disable its agent");
    }
}
