package io.adoec2.lifecycle;

import java.time.Clock;
import io.adoec2.azuredevops.Agent;
import io.adoec2.azuredevops.AzureDevOps;
import io.adoec2.azuredevops.VmResource;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * On termination: removes the instance's VM resource and its pool agent from the environment its
 * record names (or, with no record, the one its tags still name) and leaves the record final, so that a
 * duplicate or late event changes nothing.
 */
public final class TerminationCleaner {
    private final RegistrationStore store;
    private final RecordUpdates updates;
    private final InstancePlacer placer;
    private final Organizations organizations;
    private final VmResourceListings listings;
    private final EnvironmentResolver resolver;
    private final Clock clock;
    private final Duration retention;

    TerminationCleaner(RegistrationStore store, InstancePlacer placer, Organizations organizations,
                       VmResourceListings listings, EnvironmentResolver resolver, Clock clock, Duration retention) {
        this.store = store;
        this.updates = new RecordUpdates(store);
        this.placer = placer;
        this.organizations = organizations;
        this.listings = listings;
        this.resolver = resolver;
        this.clock = clock;
        this.retention = retention;
    }

    public Outcome terminated(LifecycleEvent.Terminated event, TerminationConfirmations confirmations) {
        String instanceId = event.instanceId();
        InstanceState state = confirmations.stateOf(instanceId);
        if (!state.confirmsTermination()) {
            return new Outcome(Outcome.Result.SPURIOUS_TERMINATION, instanceId, "a termination EC2 does not bear "
                    + "out: the instance is " + state + "; nothing deleted");
        }
        return updates.until(instanceId, "deregister it", found -> {
            if (found.isEmpty()) {
                Outcome outcome = removeByTags(event);
                return store.create(InstanceRecord.tombstone(instanceId, event.autoScalingGroup(), clock.instant(),
                        retention)) ? Optional.of(outcome) : Optional.empty();
            }
            InstanceRecord record = found.get();
            if (record.status().isFinal()) {
                return Optional.of(new Outcome(Outcome.Result.DUPLICATE, instanceId, "already deregistered"));
            }
            int removed = record.environment().map(where -> removeRecorded(record, where, event.at())).orElse(0);
            return store.update(record.deregistered(clock.instant(), retention))
                    ? Optional.of(new Outcome(Outcome.Result.DEREGISTERED, instanceId, describe(removed)))
                    : Optional.empty();
        });
    }

    /**
     * The recorded VM resource and its pool agent, by their stored ids, else found in a listing of
     * its environment taken after the termination: one listing serves a whole scale-in burst, and a
     * resource missing from it is not there (an agent it left behind is then looked up by name).
     */
    private int removeRecorded(InstanceRecord record, InstanceRecord.RecordedEnvironment where, Instant terminatedAt) {
        AzureDevOps azureDevOps = organizations.organization(where.organization());
        if (record.resourceId().isPresent() && record.agent().isPresent()) {
            return InstanceResources.removeWithAgent(azureDevOps, where.environment(), record.resourceId().get(),
                    record.agent().get()) ? 1 : 0;
        }
        int poolId = record.agent().map(InstanceRecord.AgentRef::poolId)
                .orElseGet(() -> resolver.poolId(where.organization(), where.environment()));
        Optional<VmResource> listed = listings.find(where.organization(), where.environment(), record.instanceId(),
                terminatedAt);
        Optional<Integer> resourceId = record.resourceId().or(() -> listed.map(VmResource::id));
        Optional<Integer> agentId = record.agent().map(InstanceRecord.AgentRef::agentId)
                .or(() -> listed.flatMap(VmResource::agent).map(Agent::id));
        if (resourceId.isPresent() && agentId.isPresent()) {
            return InstanceResources.removeWithAgent(azureDevOps, where.environment(), resourceId.get(),
                    new InstanceRecord.AgentRef(poolId, agentId.get())) ? 1 : 0;
        }
        int removed = resourceId.map(id -> azureDevOps.deleteVmResource(where.environment(), id) ? 1 : 0).orElse(0);
        InstanceResources.removeLeftoverAgents(azureDevOps, poolId, record.instanceId());
        return removed;
    }

    /** No record: the launch was never seen. Tags that are still there say where to look. */
    private Outcome removeByTags(LifecycleEvent.Terminated event) {
        String instanceId = event.instanceId();
        return switch (placer.place(instanceId)) {
            case InstancePlacer.Placing.Placed placed -> {
                ResolvedEnvironment where = placed.where();
                int removed = InstanceResources.remove(organizations.organization(where.organization()),
                        where.environment(), resolver.poolId(where.organization(), where.environment()), instanceId);
                yield new Outcome(Outcome.Result.TOMBSTONED, instanceId, "no record; by its tags, " + describe(removed));
            }
            case InstancePlacer.Placing.Rejected rejected -> new Outcome(Outcome.Result.TOMBSTONED, instanceId,
                    "no record, and tags that place it nowhere: " + rejected.reason());
            case InstancePlacer.Placing.Gone gone -> new Outcome(Outcome.Result.TOMBSTONED, instanceId,
                    "no record and no tags left; the reconciler removes anything left behind");
            case InstancePlacer.Placing.NotManaged notManaged ->
                    new Outcome(Outcome.Result.TOMBSTONED, instanceId, "no record and no AzDevOps-* tags: not ours");
        };
    }

    static String describe(int removed) {
        return removed == 0 ? "no VM resource was left to remove" : "removed " + removed + " VM resource(s)";
    }
}
