package io.adoec2.lifecycle;

import io.adoec2.azuredevops.AzureDevOps;
import io.adoec2.azuredevops.EnvironmentRef;
import io.adoec2.azuredevops.NotFoundException;
import io.adoec2.azuredevops.VmResource;
import io.adoec2.azuredevops.VmResourceQuery;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * On termination: removes the instance's VM resource from the environment its record names
 * (or, with no record, the one its tags still name) and leaves the record final, so that a
 * duplicate or late event changes nothing.
 */
public final class TerminationCleaner {
    /** Conditional writes lose only to a concurrent handler of the same instance; a few tries settle it. */
    private static final int MAX_ATTEMPTS = 5;

    private final RegistrationStore store;
    private final InstanceTags instanceTags;
    private final Organizations organizations;
    private final EnvironmentResolver resolver;
    private final Clock clock;
    private final Duration retention;

    public TerminationCleaner(RegistrationStore store, InstanceTags instanceTags, Organizations organizations,
                              EnvironmentResolver resolver, Clock clock, Duration retention) {
        this.store = store;
        this.instanceTags = instanceTags;
        this.organizations = organizations;
        this.resolver = resolver;
        this.clock = clock;
        this.retention = retention;
    }

    public Outcome terminated(LifecycleEvent.Terminated event) {
        String instanceId = event.instanceId();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<InstanceRecord> found = store.find(instanceId);
            if (found.isPresent()) {
                InstanceRecord record = found.get();
                if (record.status().isFinal()) {
                    return new Outcome(Outcome.Result.DUPLICATE, instanceId, "already deregistered");
                }
                int removed = record.environment().map(where -> removeVmResources(
                        organizations.organization(where.organization()), where.environment(),
                        record.resourceId(), instanceId)).orElse(0);
                if (store.update(record.deregistered(clock.instant(), retention))) {
                    return new Outcome(Outcome.Result.DEREGISTERED, instanceId, describe(removed));
                }
            } else {
                Outcome outcome = removeByTags(event);
                if (store.create(InstanceRecord.tombstone(instanceId, event.autoScalingGroup(), clock.instant(),
                        retention))) {
                    return outcome;
                }
            }
        }
        throw new IllegalStateException("the record of " + instanceId + " kept changing under " + MAX_ATTEMPTS
                + " attempts to deregister it");
    }

    /** No record: the launch was never seen. Tags that are still there say where to look. */
    private Outcome removeByTags(LifecycleEvent.Terminated event) {
        String instanceId = event.instanceId();
        Optional<Map<String, String>> tags = instanceTags.of(instanceId);
        Optional<Placement> placement;
        try {
            placement = tags.flatMap(t -> TagContract.placementOf(t, organizations.defaultOrganization()));
        } catch (InvalidTagsException e) {
            return new Outcome(Outcome.Result.TOMBSTONED, instanceId, "no record, and unusable tags: " + e.getMessage());
        }
        if (placement.isEmpty()) {
            return new Outcome(Outcome.Result.TOMBSTONED, instanceId,
                    "no record and no tags left; the reconciler removes anything left behind");
        }
        try {
            ResolvedEnvironment where = resolver.resolve(placement.get());
            int removed = removeVmResources(organizations.organization(where.organization()), where.environment(),
                    Optional.empty(), instanceId);
            return new Outcome(Outcome.Result.TOMBSTONED, instanceId, "no record; by its tags, " + describe(removed));
        } catch (OrganizationNotAllowedException | NotFoundException e) {
            return new Outcome(Outcome.Result.TOMBSTONED, instanceId, "no record; tags name nothing: " + e.getMessage());
        }
    }

    /**
     * Deletes by the stored resource id when the record has it (one call), else every VM
     * resource named after the instance, which is the name its userdata registers under.
     */
    private static int removeVmResources(AzureDevOps azureDevOps, EnvironmentRef environment,
                                         Optional<Integer> resourceId, String instanceId) {
        if (resourceId.isPresent()) {
            return azureDevOps.deleteVmResource(environment, resourceId.get()) ? 1 : 0;
        }
        int removed = 0;
        for (VmResource resource : azureDevOps.allVmResources(environment, VmResourceQuery.named(instanceId))) {
            if (resource.name().equalsIgnoreCase(instanceId) && azureDevOps.deleteVmResource(environment, resource.id())) {
                removed++;
            }
        }
        return removed;
    }

    private static String describe(int removed) {
        return removed == 0 ? "no VM resource was left to remove" : "removed " + removed + " VM resource(s)";
    }
}
