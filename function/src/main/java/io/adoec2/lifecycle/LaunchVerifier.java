package io.adoec2.lifecycle;

import io.adoec2.azuredevops.Agent;
import io.adoec2.azuredevops.VmResource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The launch lifecycle hook: holds a new instance until its userdata has registered it and its
 * agent is online, then lets it go on (CONTINUE). An instance that does not show up in time is
 * cleaned up and abandoned, so Auto Scaling replaces it instead of serving a useless one.
 */
public final class LaunchVerifier {
    private final RegistrationStore store;
    private final RecordUpdates updates;
    private final InstancePlacer placer;
    private final Organizations organizations;
    private final EnvironmentResolver resolver;
    private final VmResourceListings listings;
    private final AgentListings agents;
    private final HookHolds holds;
    private final Clock clock;
    private final Duration retention;

    LaunchVerifier(RegistrationStore store, InstancePlacer placer, Organizations organizations,
                   EnvironmentResolver resolver, VmResourceListings listings, AgentListings agents, HookHolds holds,
                   Clock clock, Duration retention) {
        this.store = store;
        this.updates = new RecordUpdates(store);
        this.placer = placer;
        this.organizations = organizations;
        this.resolver = resolver;
        this.listings = listings;
        this.agents = agents;
        this.holds = holds;
        this.clock = clock;
        this.retention = retention;
    }

    public Outcome launching(LifecycleEvent.HookAction action) {
        String instanceId = action.instanceId();
        return updates.until(instanceId, "verify its launch", found -> {
            if (found.isEmpty()) {
                return recordOrRefuse(action);
            }
            InstanceRecord record = found.get();
            return switch (record.status()) {
                case DEREGISTERED, DRAINING -> {
                    holds.complete(action, LifecycleActions.Result.ABANDON);
                    yield Optional.of(new Outcome(Outcome.Result.LATE_LAUNCH_IGNORED, instanceId,
                            "the instance is already " + record.status() + "; launch abandoned"));
                }
                case REGISTERED -> {
                    holds.complete(action, LifecycleActions.Result.CONTINUE);
                    yield Optional.of(new Outcome(Outcome.Result.DUPLICATE, instanceId, "already registered"));
                }
                case LAUNCHING -> holds.superseded(record, action)
                        ? Optional.of(new Outcome(Outcome.Result.DUPLICATE, instanceId,
                                "look " + action.check() + " was superseded"))
                        : look(record, action);
            };
        });
    }

    /** No record yet: place the instance and record it, or complete the action when it is not ours to hold. */
    private Optional<Outcome> recordOrRefuse(LifecycleEvent.HookAction action) {
        String instanceId = action.instanceId();
        return switch (placer.place(instanceId)) {
            case InstancePlacer.Placing.NotManaged notManaged -> {
                holds.complete(action, LifecycleActions.Result.CONTINUE);
                yield Optional.of(new Outcome(Outcome.Result.NOT_MANAGED, instanceId,
                        "no AzDevOps-* tags; launch continued"));
            }
            case InstancePlacer.Placing.Gone gone -> {
                // EC2 lists a new instance a little after it launched: look again until the
                // registration timeout, and abandon only an instance that never showed up.
                if (clock.instant().isBefore(action.startedAt().plus(holds.settings().registrationTimeout()))) {
                    holds.lookAgainLater(action);
                    yield Optional.of(new Outcome(Outcome.Result.WAITING, instanceId,
                            "EC2 does not list the instance yet; looked at again in "
                                    + holds.settings().recheckInterval().toSeconds() + " s"));
                }
                holds.complete(action, LifecycleActions.Result.ABANDON);
                yield Optional.of(new Outcome(Outcome.Result.INSTANCE_GONE, instanceId, "EC2 does not know it"));
            }
            case InstancePlacer.Placing.Rejected rejected -> {
                // A replacement would carry the same tags and be refused the same way: a loop.
                // The instance runs unregistered; the ConfigurationError alarm brings a person.
                holds.complete(action, LifecycleActions.Result.CONTINUE);
                yield Optional.of(new Outcome(Outcome.Result.REJECTED, instanceId,
                        rejected.reason() + "; launch continued unregistered", rejected.tags()));
            }
            case InstancePlacer.Placing.Placed placed -> {
                store.create(InstanceRecord.launching(instanceId, Optional.of(action.hook().autoScalingGroup()),
                        placed.where(), placed.placement().resourceTags(),
                        Optional.of(new PendingHook(action.hook(), action.startedAt(), action.startedAt(), 0)),
                        clock.instant()));
                yield Optional.empty();
            }
        };
    }

    /**
     * The agent with a known status: as listed with its VM resource, or, when that listing carried
     * none, as the pool's agent listing shows it. An unknown status is never taken as online.
     */
    private Optional<Agent> settled(OrganizationUrl organization, int poolId, Agent listed) {
        return listed.statusKnown() ? Optional.of(listed)
                : agents.find(organization, new InstanceRecord.AgentRef(poolId, listed.id()));
    }

    /** Looks for the instance's VM resource online; empty when the record changed under us. */
    private Optional<Outcome> look(InstanceRecord record, LifecycleEvent.HookAction action) {
        String instanceId = action.instanceId();
        InstanceRecord.RecordedEnvironment where = record.environment().orElseThrow(() ->
                new IllegalStateException("launching record of " + instanceId + " names no environment"));
        Instant now = clock.instant();
        Optional<VmResource> resource = listings.find(where.organization(), where.environment(), instanceId);
        int poolId = resolver.poolId(where.organization(), where.environment());
        Optional<Agent> online = resource.flatMap(VmResource::agent)
                .flatMap(agent -> settled(where.organization(), poolId, agent)).filter(Agent::online);
        if (resource.isPresent() && online.isPresent()) {
            if (!store.update(record.registered(resource.get().id(),
                    new InstanceRecord.AgentRef(poolId, online.get().id()), now))) {
                return Optional.empty();
            }
            holds.complete(action, LifecycleActions.Result.CONTINUE);
            return Optional.of(new Outcome(Outcome.Result.REGISTERED, instanceId, "VM resource "
                    + resource.get().id() + " online after " + Duration.between(action.startedAt(), now).toSeconds()
                    + " s; launch continued"));
        }
        if (!action.startedAt().plus(holds.settings().registrationTimeout()).isAfter(now)) {
            int removed = InstanceResources.remove(organizations.organization(where.organization()),
                    where.environment(), resolver.poolId(where.organization(), where.environment()), instanceId);
            if (!store.update(record.deregistered(now, retention))) {
                return Optional.empty();
            }
            holds.complete(action, LifecycleActions.Result.ABANDON);
            return Optional.of(new Outcome(Outcome.Result.ABANDONED, instanceId, "not online after "
                    + holds.settings().registrationTimeout().toSeconds() + " s; "
                    + TerminationCleaner.describe(removed) + "; launch abandoned"));
        }
        return waitForNextLook(record, action, now, resource.isPresent()
                ? "VM resource " + resource.get().id() + " is there but its agent is not online (look "
                        + action.check() + ")"
                : "no VM resource yet (look " + action.check() + ")");
    }

    private Optional<Outcome> waitForNextLook(InstanceRecord record, LifecycleEvent.HookAction action, Instant now,
                                              String detail) {
        PendingHook next = holds.beforeNextLook(record, action);
        holds.lookAgainLater(action);
        if (!store.update(record.holding(next, now))) {
            return Optional.empty();
        }
        return Optional.of(new Outcome(Outcome.Result.WAITING, action.instanceId(), detail));
    }
}
