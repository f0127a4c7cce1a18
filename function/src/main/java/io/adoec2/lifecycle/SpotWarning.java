package io.adoec2.lifecycle;

import io.adoec2.azuredevops.AzureDevOps;
import io.adoec2.azuredevops.NotFoundException;
import io.adoec2.azuredevops.VmResource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A Spot interruption warning gives two minutes, too short to wait for most jobs: the agent is
 * disabled at once so it starts none. Removal follows with the termination.
 */
public final class SpotWarning {
    private final RegistrationStore store;
    private final RecordUpdates updates;
    private final Organizations organizations;
    private final EnvironmentResolver resolver;
    private final Clock clock;

    SpotWarning(RegistrationStore store, Organizations organizations, EnvironmentResolver resolver, Clock clock) {
        this.store = store;
        this.updates = new RecordUpdates(store);
        this.organizations = organizations;
        this.resolver = resolver;
        this.clock = clock;
    }

    public Outcome interrupting(LifecycleEvent.SpotInterruption warning) {
        String instanceId = warning.instanceId();
        return updates.until(instanceId, "disable its agent", found -> {
            if (found.isEmpty() || found.get().status().isFinal() || found.get().environment().isEmpty()) {
                return Optional.of(new Outcome(Outcome.Result.INFORMATIONAL, instanceId,
                        "Spot interruption of an instance we hold no live record of"));
            }
            InstanceRecord record = found.get();
            InstanceRecord.RecordedEnvironment where = record.environment().get();
            AzureDevOps azureDevOps = organizations.organization(where.organization());
            Optional<Integer> resourceId = record.resourceId();
            Optional<InstanceRecord.AgentRef> agent = record.agent();
            if (resourceId.isEmpty() || agent.isEmpty()) {
                List<VmResource> resources = InstanceResources.find(azureDevOps, where.environment(), resourceId,
                        instanceId);
                int poolId = agent.map(InstanceRecord.AgentRef::poolId)
                        .orElseGet(() -> resolver.poolId(where.organization(), where.environment()));
                resourceId = resources.stream().findFirst().map(VmResource::id);
                agent = resources.stream().findFirst().flatMap(VmResource::agent)
                        .map(seen -> new InstanceRecord.AgentRef(poolId, seen.id()));
            }
            if (agent.isEmpty()) {
                return Optional.of(new Outcome(Outcome.Result.INFORMATIONAL, instanceId,
                        "Spot interruption; no agent to disable"));
            }
            // The ids are known (recorded at launch, or just looked up): disabling an agent twice is harmless.
            try {
                azureDevOps.setAgentEnabled(agent.get().poolId(), agent.get().agentId(), false);
            } catch (NotFoundException gone) {
                return Optional.of(new Outcome(Outcome.Result.INFORMATIONAL, instanceId,
                        "Spot interruption; its agent is gone"));
            }
            return store.update(record.draining(resourceId, agent, record.hook(), clock.instant()))
                    ? Optional.of(new Outcome(Outcome.Result.DRAINING, instanceId, "Spot interruption: agent disabled"))
                    : Optional.empty();
        });
    }
}
