package io.adoec2.lifecycle;

import io.adoec2.azuredevops.Agent;
import io.adoec2.azuredevops.AgentJob;
import io.adoec2.azuredevops.AzureDevOps;
import io.adoec2.azuredevops.NotFoundException;
import io.adoec2.azuredevops.VmResource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The terminate lifecycle hook: disables the instance's agent so it takes no new job; from the
 * next look on, holds the instance while a running job finishes (up to the drain limit), then
 * removes its VM resource and its pool agent and lets the termination go on. Every action Auto
 * Scaling bears out is completed; one it does not (the instance is not leaving its group) is left
 * alone.
 */
public final class TerminationDrainer {
    private final RegistrationStore store;
    private final RecordUpdates updates;
    private final InstancePlacer placer;
    private final Organizations organizations;
    private final EnvironmentResolver resolver;
    private final HookHolds holds;
    private final AgentListings agents;
    private final Clock clock;
    private final Duration retention;

    TerminationDrainer(RegistrationStore store, InstancePlacer placer, Organizations organizations,
                       EnvironmentResolver resolver, HookHolds holds, AgentListings agents, Clock clock,
                       Duration retention) {
        this.store = store;
        this.updates = new RecordUpdates(store);
        this.placer = placer;
        this.organizations = organizations;
        this.resolver = resolver;
        this.holds = holds;
        this.agents = agents;
        this.clock = clock;
        this.retention = retention;
    }

    public Outcome terminating(LifecycleEvent.HookAction action, TerminationConfirmations confirmations) {
        String instanceId = action.instanceId();
        Optional<String> notLeaving = confirmations.notLeaving(instanceId);
        if (notLeaving.isPresent()) {
            // Not completed either: its token may be forged, and a real action Auto Scaling does not
            // hold is refused anyway; an instance that does leave later brings an action of its own.
            return new Outcome(Outcome.Result.SPURIOUS_TERMINATION, instanceId, "a terminate hook action Auto "
                    + "Scaling does not bear out: " + notLeaving.get() + "; nothing disabled or deleted");
        }
        return updates.until(instanceId, "drain it", found -> {
            if (found.isEmpty()) {
                return recordOrRelease(action);
            }
            InstanceRecord record = found.get();
            if (record.status().isFinal() || record.environment().isEmpty()) {
                holds.complete(action, LifecycleActions.Result.CONTINUE);
                return Optional.of(new Outcome(Outcome.Result.DUPLICATE, instanceId,
                        "already deregistered; termination continued"));
            }
            if (holds.superseded(record, action)) {
                return Optional.of(new Outcome(Outcome.Result.DUPLICATE, instanceId,
                        "look " + action.check() + " was superseded"));
            }
            return drain(record, action);
        });
    }

    /** No record: the launch was never seen. Tags, which a terminating instance still has, say where it is. */
    private Optional<Outcome> recordOrRelease(LifecycleEvent.HookAction action) {
        String instanceId = action.instanceId();
        if (placer.place(instanceId) instanceof InstancePlacer.Placing.Placed placed) {
            store.create(InstanceRecord.launching(instanceId, Optional.of(action.hook().autoScalingGroup()),
                    placed.where(), placed.placement().resourceTags(), Optional.empty(), clock.instant()));
            return Optional.empty();
        }
        store.create(InstanceRecord.tombstone(instanceId, Optional.of(action.hook().autoScalingGroup()),
                clock.instant(), retention));
        holds.complete(action, LifecycleActions.Result.CONTINUE);
        return Optional.of(new Outcome(Outcome.Result.TOMBSTONED, instanceId,
                "no record and no usable tags; termination continued"));
    }

    /** Empty when the record changed under us and the caller must look again. */
    private Optional<Outcome> drain(InstanceRecord record, LifecycleEvent.HookAction action) {
        InstanceRecord.RecordedEnvironment where = record.environment().orElseThrow();
        if (record.status() == RegistrationStatus.DRAINING && record.resourceId().isPresent()
                && record.agent().isPresent() && record.drainStartedAt().isPresent()) {
            return lookAtJob(record, action, where);
        }
        String instanceId = action.instanceId();
        AzureDevOps azureDevOps = organizations.organization(where.organization());
        int poolId = record.agent().map(InstanceRecord.AgentRef::poolId)
                .orElseGet(() -> resolver.poolId(where.organization(), where.environment()));
        int resourceId;
        Optional<Integer> agentId;
        if (record.resourceId().isPresent() && record.agent().isPresent()) {
            // The launch recorded both ids: no lookup.
            resourceId = record.resourceId().get();
            agentId = record.agent().map(InstanceRecord.AgentRef::agentId)
                    .filter(id -> disable(azureDevOps, poolId, id));
        } else {
            List<VmResource> resources = InstanceResources.find(azureDevOps, where.environment(),
                    record.resourceId(), instanceId);
            if (resources.isEmpty()) {
                int leftovers = InstanceResources.removeLeftoverAgents(azureDevOps, poolId, instanceId);
                return finish(record, action, Outcome.Result.DEREGISTERED, "no VM resource was left"
                        + (leftovers == 0 ? "" : "; removed " + leftovers + " agent(s) left in the pool"));
            }
            VmResource resource = resources.getFirst();
            resourceId = resource.id();
            agentId = resource.agent().filter(agent -> !agent.enabled() || disable(azureDevOps, poolId, agent.id()))
                    .map(Agent::id);
        }
        if (agentId.isEmpty()) {
            azureDevOps.deleteVmResource(where.environment(), resourceId);
            int leftovers = InstanceResources.removeLeftoverAgents(azureDevOps, poolId, instanceId);
            return finish(record, action, Outcome.Result.DEREGISTERED, "no agent behind it; VM resource removed"
                    + (leftovers == 0 ? "" : "; removed " + leftovers + " agent(s) left in the pool"));
        }
        // Its job is looked at on the next look, in one listing of the pool that serves every
        // agent disabled before it was taken: a scale-in costs a listing per wave, not a lookup per agent.
        InstanceRecord draining = record.draining(Optional.of(resourceId),
                Optional.of(new InstanceRecord.AgentRef(poolId, agentId.get())),
                Optional.of(holds.beforeNextLook(record, action)), clock.instant());
        holds.lookAgainLater(action);
        if (!store.update(draining)) {
            return Optional.empty();
        }
        return Optional.of(new Outcome(Outcome.Result.DRAINING, instanceId, "agent disabled; its job is looked at in "
                + holds.settings().recheckInterval().toSeconds() + " s (look " + action.check() + ")"));
    }

    /** The agent is disabled: hold the instance while it runs a job (up to the drain limit), else remove it. */
    private Optional<Outcome> lookAtJob(InstanceRecord record, LifecycleEvent.HookAction action,
                                        InstanceRecord.RecordedEnvironment where) {
        InstanceRecord.AgentRef agent = record.agent().orElseThrow();
        Instant drainStartedAt = record.drainStartedAt().orElseThrow();
        Optional<AgentJob> job = agents.find(where.organization(), agent, drainStartedAt).flatMap(Agent::runningJob);
        Instant now = clock.instant();
        if (job.isPresent() && drainStartedAt.plus(holds.settings().drainLimit()).isAfter(now)) {
            InstanceRecord held = record.draining(Optional.empty(), Optional.empty(),
                    Optional.of(holds.beforeNextLook(record, action)), now);
            holds.lookAgainLater(action);
            if (!store.update(held)) {
                return Optional.empty();
            }
            return Optional.of(new Outcome(Outcome.Result.DRAINING, action.instanceId(), "agent disabled; waiting for "
                    + "job " + job.get().jobName() + " (look " + action.check() + ")"));
        }
        InstanceResources.removeWithAgent(organizations.organization(where.organization()), where.environment(),
                record.resourceId().orElseThrow(), agent);
        return finish(record, action, job.isPresent() ? Outcome.Result.DRAIN_LIMIT_PASSED : Outcome.Result.DEREGISTERED,
                job.isPresent() ? "drain limit of " + holds.settings().drainLimit().toMinutes()
                        + " min passed with a job running; VM resource and agent removed"
                        : "VM resource and agent removed");
    }

    /** @return false when the agent is gone (deleted with its VM resource, or by hand) */
    private static boolean disable(AzureDevOps azureDevOps, int poolId, int agentId) {
        try {
            azureDevOps.setAgentEnabled(poolId, agentId, false);
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }

    private Optional<Outcome> finish(InstanceRecord record, LifecycleEvent.HookAction action, Outcome.Result result,
                                     String detail) {
        if (!store.update(record.deregistered(clock.instant(), retention))) {
            return Optional.empty();
        }
        holds.complete(action, LifecycleActions.Result.CONTINUE);
        return Optional.of(new Outcome(result, action.instanceId(), detail + "; termination continued"));
    }
}
