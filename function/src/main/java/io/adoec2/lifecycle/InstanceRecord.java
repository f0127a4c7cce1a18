package io.adoec2.lifecycle;

import io.adoec2.azuredevops.EnvironmentRef;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The registration record of one EC2 instance: where its VM resource lives and how far its
 * life has gone. {@code version} is the optimistic-concurrency counter every conditional
 * write checks; {@code expiresAt} is the DynamoDB TTL, set when the record becomes final, in
 * whole seconds because that is the TTL's resolution (a stored record reads back equal).
 * {@code agent} is the deployment-pool agent behind the VM resource once seen; {@code hook} the
 * lifecycle action the instance is held in while we wait for it; {@code drainStartedAt} when
 * its agent was disabled to let a running job finish. {@code goneObservedAt} is the
 * reconciler's first sighting of the instance gone (EC2 reports it terminated or unknown, its
 * agent not online); a second sighting minutes later confirms it. {@code history} is the last
 * {@value Transition#KEPT} transitions, newest last, so an operator can see when each happened and
 * what the functions last did; it is bounded so a record never grows with an instance's age.
 */
public record InstanceRecord(
        String instanceId,
        Optional<String> asgName,
        Optional<String> organizationUrl,
        Optional<String> projectId,
        Optional<String> projectName,
        Optional<Integer> environmentId,
        Optional<String> environmentName,
        List<String> resourceTags,
        Optional<Integer> resourceId,
        RegistrationStatus status,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> expiresAt,
        long version,
        Optional<AgentRef> agent,
        Optional<PendingHook> hook,
        Optional<Instant> drainStartedAt,
        Optional<Instant> goneObservedAt,
        List<Transition> history) {

    public InstanceRecord {
        resourceTags = List.copyOf(resourceTags);
        history = List.copyOf(history.subList(Math.max(0, history.size() - Transition.KEPT), history.size()));
        expiresAt = expiresAt.map(at -> at.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * One step of a record's life: when, the status it left the record in, and what was done.
     * Stored as one line, {@code <instant> <status> <note>}.
     */
    public record Transition(Instant at, RegistrationStatus status, String note) {
        public static final int KEPT = 10;

        public String stored() {
            return at + " " + status + " " + note;
        }

        /** @throws IllegalArgumentException when the line is not one {@link #stored()} wrote */
        public static Transition parse(String stored) {
            String[] parts = stored.split(" ", 3);
            if (parts.length < 2) {
                throw new IllegalArgumentException("not a transition: " + stored);
            }
            try {
                return new Transition(Instant.parse(parts[0]), RegistrationStatus.valueOf(parts[1]),
                        parts.length == 3 ? parts[2] : "");
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("not a transition: " + stored, e);
            }
        }
    }

    /** The deployment-pool agent behind a VM resource. */
    public record AgentRef(int poolId, int agentId) {}

    /**
     * A first record for an instance launched into a known environment; {@code hook} is the
     * launch lifecycle action holding it, when it came through one.
     */
    public static InstanceRecord launching(String instanceId, Optional<String> asgName, ResolvedEnvironment where,
                                           List<String> resourceTags, Optional<PendingHook> hook, Instant now) {
        return new InstanceRecord(instanceId, asgName, Optional.of(where.organization().toString()),
                Optional.of(where.project().id()), Optional.of(where.project().name()),
                Optional.of(where.environment().id()), Optional.of(where.environment().name()),
                resourceTags, Optional.empty(), RegistrationStatus.LAUNCHING, now, now, Optional.empty(), 0,
                Optional.empty(), hook, Optional.empty(), Optional.empty(),
                List.of(new Transition(now, RegistrationStatus.LAUNCHING, hook.isPresent()
                        ? "launch recorded; held by the launch hook until its agent is online" : "launch recorded")));
    }

    /**
     * A final record for an instance whose termination came first (or whose tags placed it
     * nowhere): it holds no environment, only the fact that the instance is gone.
     */
    public static InstanceRecord tombstone(String instanceId, Optional<String> asgName, Instant now, Duration retention) {
        return new InstanceRecord(instanceId, asgName, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty(), RegistrationStatus.DEREGISTERED,
                now, now, Optional.of(now.plus(retention)), 0, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(new Transition(now, RegistrationStatus.DEREGISTERED,
                        "tombstone: terminated with no record")));
    }

    /** This record (not a new version) with its history replaced by one line saying where it came from. */
    public InstanceRecord noted(String origin) {
        return new InstanceRecord(instanceId, asgName, organizationUrl, projectId, projectName, environmentId,
                environmentName, resourceTags, resourceId, status, createdAt, updatedAt, expiresAt, version, agent, hook,
                drainStartedAt, goneObservedAt, List.of(new Transition(updatedAt, status, origin)));
    }

    /** The next version of this record, in its final state, kept for {@code retention} as a tombstone. */
    public InstanceRecord deregistered(Instant now, Duration retention) {
        return deregistered(now, retention, "deregistered on termination");
    }

    /** The same, saying why (who closed it), for the history. */
    public InstanceRecord deregistered(Instant now, Duration retention, String why) {
        return next(RegistrationStatus.DEREGISTERED, resourceId, agent, Optional.empty(), drainStartedAt,
                Optional.of(now.plus(retention)), goneObservedAt, now, why);
    }

    /** The next version: its VM resource is there with its agent online; no hook holds it any more. */
    public InstanceRecord registered(int vmResourceId, AgentRef agentRef, Instant now) {
        return next(RegistrationStatus.REGISTERED, Optional.of(vmResourceId), Optional.of(agentRef), Optional.empty(),
                drainStartedAt, expiresAt, goneObservedAt, now,
                "registered: VM resource " + vmResourceId + ", agent " + agentRef.agentId() + " online");
    }

    /** The next version, held by {@code pendingHook} (a new one, or the same after a heartbeat). */
    public InstanceRecord holding(PendingHook pendingHook, Instant now) {
        return next(status, resourceId, agent, Optional.of(pendingHook), drainStartedAt, expiresAt, goneObservedAt,
                now, "held by the " + pendingHook.hook().transition().name().toLowerCase(java.util.Locale.ROOT)
                        + " hook (look " + pendingHook.nextCheck() + ")");
    }

    /**
     * The next version, draining: its agent is disabled and takes no new job. The drain starts
     * once; later calls keep the first start so the drain limit counts from it.
     */
    public InstanceRecord draining(Optional<Integer> vmResourceId, Optional<AgentRef> agentRef,
                                   Optional<PendingHook> pendingHook, Instant now) {
        return next(RegistrationStatus.DRAINING, vmResourceId.or(() -> resourceId), agentRef.or(() -> agent),
                pendingHook, drainStartedAt.or(() -> Optional.of(now)), expiresAt, goneObservedAt, now,
                drainStartedAt.isPresent() ? "still draining: its agent runs a job" : "agent disabled to drain");
    }

    /** The next version of this record, noting that the reconciler saw its instance gone now. */
    public InstanceRecord observedGone(Instant now) {
        return next(status, resourceId, agent, hook, drainStartedAt, expiresAt, Optional.of(now), now,
                "reconciler saw the instance gone (first sighting)");
    }

    /** The next version of this record without the reconciler's sighting: the instance or its agent is back. */
    public InstanceRecord observationCleared(Instant now) {
        return next(status, resourceId, agent, hook, drainStartedAt, expiresAt, Optional.empty(), now,
                "reconciler cleared its sighting: the instance or its agent is back");
    }

    private InstanceRecord next(RegistrationStatus nextStatus, Optional<Integer> nextResourceId,
                                Optional<AgentRef> nextAgent, Optional<PendingHook> nextHook,
                                Optional<Instant> nextDrainStartedAt, Optional<Instant> nextExpiresAt,
                                Optional<Instant> nextGoneObservedAt, Instant now, String note) {
        List<Transition> nextHistory = new java.util.ArrayList<>(history);
        nextHistory.add(new Transition(now, nextStatus, note));
        return new InstanceRecord(instanceId, asgName, organizationUrl, projectId, projectName, environmentId,
                environmentName, resourceTags, nextResourceId, nextStatus, createdAt, now, nextExpiresAt, version + 1,
                nextAgent, nextHook, nextDrainStartedAt, nextGoneObservedAt, nextHistory);
    }

    /** The environment this record places its instance in, when it holds one. */
    public Optional<RecordedEnvironment> environment() {
        if (organizationUrl.isEmpty() || projectId.isEmpty() || environmentId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RecordedEnvironment(OrganizationUrl.parse(organizationUrl.get()),
                new EnvironmentRef(projectId.get(), environmentId.get(), environmentName.orElse(""))));
    }

    /** An environment as a record holds it: enough to call Azure DevOps without any lookup. */
    public record RecordedEnvironment(OrganizationUrl organization, EnvironmentRef environment) {}
}
