package io.adoec2.lifecycle;

import io.adoec2.azuredevops.Agent;
import io.adoec2.azuredevops.AgentJob;
import io.adoec2.azuredevops.AzureDevOps;
import io.adoec2.azuredevops.NotFoundException;
import io.adoec2.retry.Sleeper;
import io.adoec2.azuredevops.VmResource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An operator's removal of one instance from its environment, by the rules the terminate hook
 * follows ({@link TerminationDrainer}): the agent is disabled so it takes no new job, a running
 * job may finish (up to the drain limit), then the VM resource and any agent left in the pool
 * are removed and the record closed, with the operator's reason in its history. A running
 * instance is refused unless the operator says why: its userdata registered it and it would
 * come back only with a new instance.
 */
public final class ManualDeregistration {
    private final RegistrationStore store;
    private final RecordUpdates updates;
    private final InstanceDirectory directory;
    private final Organizations organizations;
    private final EnvironmentResolver resolver;
    private final AgentListings agents;
    private final HookSettings settings;
    private final Clock clock;
    private final Duration retention;

    public ManualDeregistration(RegistrationStore store, InstanceDirectory directory, Organizations organizations,
                                EnvironmentResolver resolver, HookSettings settings, Clock clock, Duration retention) {
        this.store = store;
        this.updates = new RecordUpdates(store);
        this.directory = directory;
        this.organizations = organizations;
        this.resolver = resolver;
        this.agents = new AgentListings(organizations, clock, settings.listingMaxAge());
        this.settings = settings;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * @param force   the operator's reason to remove an instance EC2 still reports alive; empty refuses it
     * @param waitJob false with {@code --now}: the agent is disabled but a running job is not waited for
     */
    public record Request(String instanceId, boolean dryRun, Optional<String> force, boolean waitJob) {}

    /** What came of a request: every step taken (or, in a dry run, that would be taken). */
    public record Result(Kind kind, String instanceId, List<String> steps) {
        public enum Kind { DONE, PLANNED, NOTHING_TO_DO, REFUSED }
    }

    /**
     * @throws IllegalStateException when interrupted while waiting for the job (the agent stays
     *                               disabled and the record DRAINING: running it again goes on)
     */
    public Result deregister(Request request, Sleeper sleeper, Consumer<String> progress) {
        String instanceId = request.instanceId();
        return updates.until(instanceId, "deregister it", found -> {
            if (found.isEmpty()) {
                return Optional.of(refused(instanceId, "no record of " + instanceId + ": this system did not register "
                        + "it, so it removes nothing of it (a live instance with our tags is adopted by the reconciler)"));
            }
            InstanceRecord record = found.get();
            if (record.status().isFinal()) {
                return Optional.of(new Result(Result.Kind.NOTHING_TO_DO, instanceId, List.of("already deregistered at "
                        + record.updatedAt() + "; nothing to do")));
            }
            if (record.environment().isEmpty()) {
                return Optional.of(refused(instanceId, "the record of " + instanceId + " names no environment"));
            }
            InstanceState state = directory.states(List.of(instanceId)).get(instanceId);
            if (!state.isGone() && request.force().isEmpty()) {
                return Optional.of(refused(instanceId, "EC2 reports " + instanceId + " " + state + "; it is only "
                        + "removed while it runs when told why: --force --reason \"...\""));
            }
            return request.dryRun() ? Optional.of(plan(record, state, request))
                    : remove(record, state, request, sleeper, progress);
        });
    }

    private Result plan(InstanceRecord record, InstanceState state, Request request) {
        InstanceRecord.RecordedEnvironment where = record.environment().orElseThrow();
        AzureDevOps azureDevOps = organizations.organization(where.organization());
        List<VmResource> resources = InstanceResources.find(azureDevOps, where.environment(), record.resourceId(),
                record.instanceId());
        List<String> steps = new ArrayList<>();
        steps.add("EC2 reports it " + state + (state.isGone() ? "" : "; forced: " + request.force().orElseThrow()));
        for (VmResource resource : resources) {
            Optional<Agent> agent = resource.agent();
            steps.add("would disable agent " + agent.map(a -> a.id() + (a.busy() ? " (running job "
                    + a.runningJob().map(AgentJob::jobName).orElse("") + ")" : " (idle)")).orElse("-"));
            if (agent.filter(Agent::busy).isPresent()) {
                steps.add(request.waitJob() ? "would wait up to " + settings.drainLimit().toMinutes()
                        + " min for its job" : "would not wait for its job (--now)");
            }
            steps.add("would delete VM resource " + resource.id() + " and any agent named " + record.instanceId()
                    + " left in the pool");
        }
        if (resources.isEmpty()) {
            steps.add("no VM resource is left; would delete any agent named " + record.instanceId() + " in the pool");
        }
        steps.add("would close the record (" + record.status() + " -> DEREGISTERED)");
        return new Result(Result.Kind.PLANNED, record.instanceId(), steps);
    }

    /** Empty when the record changed under us and the caller must look again. */
    private Optional<Result> remove(InstanceRecord record, InstanceState state, Request request, Sleeper sleeper,
                                    Consumer<String> progress) {
        InstanceRecord.RecordedEnvironment where = record.environment().orElseThrow();
        AzureDevOps azureDevOps = organizations.organization(where.organization());
        List<String> steps = new ArrayList<>();
        String why = state.isGone() ? "instance " + state : "forced while " + state + ": " + request.force().orElseThrow();
        List<VmResource> resources = InstanceResources.find(azureDevOps, where.environment(), record.resourceId(),
                record.instanceId());
        int poolId = record.agent().map(InstanceRecord.AgentRef::poolId)
                .orElseGet(() -> resolver.poolId(where.organization(), where.environment()));
        Optional<Agent> agent = resources.stream().flatMap(r -> r.agent().stream()).findFirst();
        if (agent.isPresent()) {
            if (agent.get().enabled()) {
                disable(azureDevOps, poolId, agent.get().id());
            }
            steps.add("disabled agent " + agent.get().id());
            InstanceRecord draining = record.draining(Optional.of(resources.getFirst().id()),
                    Optional.of(new InstanceRecord.AgentRef(poolId, agent.get().id())), Optional.empty(), clock.instant());
            if (!store.update(draining)) {
                return Optional.empty();
            }
            record = draining;
            if (request.waitJob()) {
                steps.add(waitForJob(record, where, sleeper, progress));
            } else {
                steps.add("did not wait for a running job (--now)");
            }
        }
        int deleted = 0;
        for (VmResource resource : resources) {
            if (azureDevOps.deleteVmResource(where.environment(), resource.id())) {
                deleted++;
            }
        }
        steps.add(TerminationCleaner.describe(deleted));
        int leftovers = InstanceResources.removeLeftoverAgents(azureDevOps, poolId, record.instanceId());
        if (leftovers > 0) {
            steps.add("removed " + leftovers + " agent(s) left in the pool");
        }
        InstanceRecord closed = record.deregistered(clock.instant(), retention, "deregistered by hand: " + why);
        if (!store.update(closed)) {
            return Optional.empty();
        }
        steps.add("record closed (DEREGISTERED), reason kept in its history");
        return Optional.of(new Result(Result.Kind.DONE, record.instanceId(), steps));
    }

    /** Looks at the disabled agent's job every re-check interval, up to the drain limit, as the terminate hook does. */
    private String waitForJob(InstanceRecord record, InstanceRecord.RecordedEnvironment where, Sleeper sleeper,
                              Consumer<String> progress) {
        Instant started = record.drainStartedAt().orElseThrow();
        InstanceRecord.AgentRef agent = record.agent().orElseThrow();
        while (true) {
            Optional<AgentJob> job = agents.find(where.organization(), agent, started).flatMap(Agent::runningJob);
            if (job.isEmpty()) {
                return "no job running on agent " + agent.agentId();
            }
            Duration waited = Duration.between(started, clock.instant());
            if (waited.compareTo(settings.drainLimit()) >= 0) {
                return "drain limit of " + settings.drainLimit().toMinutes() + " min passed with job "
                        + job.get().jobName() + " running";
            }
            progress.accept("waiting for job " + job.get().jobName() + " on agent " + agent.agentId() + " ("
                    + waited.toSeconds() + " s of at most " + settings.drainLimit().toSeconds() + " s)");
            try {
                sleeper.sleep(settings.recheckInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for job " + job.get().jobName() + "; agent "
                        + agent.agentId() + " stays disabled and the record DRAINING: run it again, or with --now", e);
            }
        }
    }

    private static void disable(AzureDevOps azureDevOps, int poolId, int agentId) {
        try {
            azureDevOps.setAgentEnabled(poolId, agentId, false);
        } catch (NotFoundException gone) {
            // Deleted in the meantime: nothing left to disable.
        }
    }

    private static Result refused(String instanceId, String why) {
        return new Result(Result.Kind.REFUSED, instanceId, List.of(why));
    }
}
