package io.adoec2.lifecycle.reconcile;

import io.adoec2.azuredevops.Agent;
import io.adoec2.azuredevops.AzureDevOps;
import io.adoec2.azuredevops.EnvironmentRef;
import io.adoec2.azuredevops.ProjectRef;
import io.adoec2.azuredevops.VmResource;
import io.adoec2.azuredevops.VmResourceQuery;
import io.adoec2.lifecycle.EnvironmentResolver;
import io.adoec2.lifecycle.InstanceDirectory;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.InstanceResources;
import io.adoec2.lifecycle.InstanceState;
import io.adoec2.lifecycle.InvalidTagsException;
import io.adoec2.lifecycle.OrganizationUrl;
import io.adoec2.lifecycle.Organizations;
import io.adoec2.lifecycle.Placement;
import io.adoec2.lifecycle.RegistrationStatus;
import io.adoec2.lifecycle.RegistrationStore;
import io.adoec2.lifecycle.ResolvedEnvironment;
import io.adoec2.lifecycle.TagContract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes the managed environments converge to what EC2 says, whatever events were lost. A pass
 * first plans (reads records, EC2 and every page of each managed environment's VM resources,
 * writes nothing), then applies the plan with conditional writes, so it is safe beside the
 * event handlers and beside another pass.
 *
 * <p>A VM resource is managed only when a record places its instance (by name or stored
 * resource id) in that environment; nothing else is ever deleted, whatever its name. It is
 * deleted only after two sightings, {@link ReconcileSettings#confirmAfter()} apart, of its
 * instance gone (terminated or unknown to EC2) with its agent not online; the first sighting is
 * kept in the record, so two scheduled passes make the two sightings.
 */
public final class Reconciler {
    /** Azure DevOps' largest page of VM resources (and its default): the fewest calls per environment. */
    static final int PAGE_SIZE = 1000;
    private static final String GROUP_TAG = "aws:autoscaling:groupName";
    private static final String ADOPTED = "adopted by the reconciler: its launch was never seen";

    private final RegistrationStore store;
    private final InstanceDirectory directory;
    private final TaggedInstances tagged;
    private final Organizations organizations;
    private final EnvironmentResolver resolver;
    private final ReconcileSettings settings;
    private final Clock clock;
    private final Duration retention;

    public Reconciler(RegistrationStore store, InstanceDirectory directory, TaggedInstances tagged,
                      Organizations organizations, EnvironmentResolver resolver, ReconcileSettings settings,
                      Clock clock, Duration retention) {
        this.store = store;
        this.directory = directory;
        this.tagged = tagged;
        this.organizations = organizations;
        this.resolver = resolver;
        this.settings = settings;
        this.clock = clock;
        this.retention = retention;
    }

    /** Plans and applies one pass. */
    public ReconcileReport run() {
        return apply(plan());
    }

    /** Reads everything and decides; writes and deletes nothing. */
    public Plan plan() {
        return plan(PassProgress.NONE);
    }

    /** The same, telling {@code progress} of each environment listed. */
    public Plan plan(PassProgress progress) {
        Draft draft = new Draft(clock.instant());
        Map<String, InstanceRecord> records = new HashMap<>();
        store.managed().forEach(record -> records.put(record.instanceId(), record));
        Map<EnvironmentKey, ResolvedEnvironment> managed = managedEnvironments(records.values(), draft);
        Map<String, InstanceState> listedAlive = new HashMap<>();
        List<InstanceRecord> adopted = adoptions(records, managed, draft, listedAlive);

        Map<EnvironmentKey, Listing> listings = new LinkedHashMap<>();
        progress.listing(managed.size());
        managed.forEach((key, environment) -> {
            list(environment, draft).ifPresent(l -> listings.put(key, l));
            progress.listed(label(environment));
        });
        for (InstanceRecord launching : adopted) {
            ResolvedEnvironment environment = recordedEnvironment(launching).orElseThrow();
            List<VmResource> resources = Optional.ofNullable(listings.get(EnvironmentKey.of(environment)))
                    .map(listing -> listing.claim(launching)).orElse(List.of());
            Listing listing = listings.get(EnvironmentKey.of(environment));
            InstanceRecord record = resources.stream().filter(resource -> listing.online(resource)).findFirst()
                    .map(online -> registered(launching, online)).orElse(launching);
            draft.act(new Action(Action.Kind.ADOPT, record.instanceId(), environment, resources,
                    "no record, and EC2 reports it alive with tags placing it here; adopted as " + record.status(),
                    record));
        }

        Map<InstanceRecord, Found> candidates = new LinkedHashMap<>();
        for (InstanceRecord record : records.values()) {
            Listing listing = recordedEnvironment(record).map(EnvironmentKey::of).map(listings::get).orElse(null);
            if (listing == null) {
                continue;
            }
            Found found = new Found(listing, listing.claim(record), listing.agentsLeft(record));
            if (!record.status().isFinal() || !found.nothingLeft()) {
                candidates.put(record, found);
            }
        }
        Map<String, InstanceState> states = states(candidates.keySet(), listedAlive);
        candidates.forEach((record, found) -> decide(draft, record, states.get(record.instanceId()),
                recordedEnvironment(record).orElseThrow(), found));
        return draft.plan(listings.values().stream().map(Listing::view).toList());
    }

    /**
     * The state of each candidate's instance. An instance the tag query found alive has its state from
     * that answer; only the others (gone, or alive without the tags) are asked for by id, after the
     * listing, so a pass over a steady fleet reads EC2's instances once, not twice. A state that lets a
     * resource be deleted (gone) is still always read after the listing it is judged against: an alive
     * state read a moment earlier only holds or clears, which the next pass corrects.
     */
    private Map<String, InstanceState> states(Collection<InstanceRecord> candidates,
                                              Map<String, InstanceState> listedAlive) {
        Map<String, InstanceState> states = new HashMap<>();
        List<String> unlisted = new ArrayList<>();
        for (InstanceRecord candidate : candidates) {
            InstanceState listed = listedAlive.get(candidate.instanceId());
            if (listed != null) {
                states.put(candidate.instanceId(), listed);
            } else {
                unlisted.add(candidate.instanceId());
            }
        }
        if (!unlisted.isEmpty()) {
            states.putAll(directory.states(unlisted.stream().sorted().toList()));
        }
        return states;
    }

    /** Carries out a plan; one action's failure does not stop the next. */
    public ReconcileReport apply(Plan plan) {
        return apply(plan, PassProgress.NONE);
    }

    /** The same, telling {@code progress} of each action carried out. */
    public ReconcileReport apply(Plan plan, PassProgress progress) {
        List<ActionResult> results = new ArrayList<>();
        progress.applying(plan.actions().size());
        for (Action action : plan.actions()) {
            try {
                results.add(execute(action));
            } catch (RuntimeException e) {
                results.add(new ActionResult(action, ActionResult.Status.FAILED, String.valueOf(e.getMessage()), 0));
            }
            progress.applied(action);
        }
        return new ReconcileReport(plan, results);
    }

    /** What a listing holds of one record's instance: its VM resources and the agents left without one. */
    private record Found(Listing listing, List<VmResource> resources, List<Agent> agentsLeft) {
        boolean nothingLeft() {
            return resources.isEmpty() && agentsLeft.isEmpty();
        }

        boolean anyOnline() {
            return resources.stream().anyMatch(listing::online) || agentsLeft.stream().anyMatch(Agent::online);
        }

        boolean anyUnsettled() {
            return resources.stream().anyMatch(listing::unsettled);
        }
    }

    private void decide(Draft draft, InstanceRecord record, InstanceState state, ResolvedEnvironment environment,
                        Found found) {
        List<VmResource> matched = found.resources();
        Instant now = draft.at;
        if (!state.isGone()) {
            if (record.status() == RegistrationStatus.DRAINING) {
                draft.hold(Hold.DRAINING);
            } else if (record.goneObservedAt().isPresent()) {
                draft.act(action(Action.Kind.CLEAR_OBSERVATION, record, environment, matched,
                        "EC2 reports the instance " + state + " again"));
            } else if (record.status().isFinal()) {
                draft.hold(Hold.FINAL_RECORD_INSTANCE_ALIVE);
            } else if (state == InstanceState.RUNNING && matched.isEmpty() && !withinBootGrace(record, now)) {
                draft.act(action(Action.Kind.REPORT_UNREGISTERED, record, environment, matched,
                        record.status() == RegistrationStatus.LAUNCHING
                                ? "running " + minutesSince(record.createdAt(), now) + " min after its record was "
                                + "written, and no VM resource named " + record.instanceId() + " in the environment"
                                : "recorded " + record.status() + " but its VM resource is gone from the environment"));
            }
            return;
        }
        if (record.status() == RegistrationStatus.LAUNCHING && withinBootGrace(record, now)) {
            draft.hold(Hold.WITHIN_BOOT_GRACE);
            return;
        }
        Optional<Instant> firstSighting = record.goneObservedAt();
        if (found.anyOnline()) {
            if (firstSighting.isPresent()) {
                draft.act(action(Action.Kind.CLEAR_OBSERVATION, record, environment, matched,
                        "EC2 reports the instance " + state + " but its agent is online"));
            } else {
                draft.hold(Hold.AGENT_ONLINE);
            }
            return;
        }
        if (found.anyUnsettled()) {
            // Neither online nor offline: never a reason to delete.
            draft.hold(Hold.AGENT_STATUS_UNKNOWN);
            return;
        }
        if (firstSighting.isEmpty()) {
            draft.act(action(Action.Kind.OBSERVE_GONE, record, environment, matched,
                    "EC2 reports the instance " + state + (matched.isEmpty() ? "" : "; its agent is not online")));
        } else if (now.isBefore(firstSighting.get().plus(settings.confirmAfter()))) {
            draft.hold(Hold.AWAITING_CONFIRMATION);
        } else if (!found.nothingLeft()) {
            draft.act(new Action(Action.Kind.REMOVE, record.instanceId(), environment, matched,
                    confirmed(state, firstSighting.get(), now), record, found.agentsLeft()));
        } else if (!record.status().isFinal()) {
            draft.act(action(Action.Kind.FINALISE, record, environment, matched,
                    confirmed(state, firstSighting.get(), now) + "; no VM resource is left"));
        }
    }

    private static String confirmed(InstanceState state, Instant firstSighting, Instant now) {
        return "EC2 reports the instance " + state + ", as it did " + minutesSince(firstSighting, now) + " min ago";
    }

    private ActionResult execute(Action action) {
        Instant now = clock.instant();
        InstanceRecord record = action.record();
        return switch (action.kind()) {
            case ADOPT -> written(action, store.create(record));
            case OBSERVE_GONE -> written(action, store.update(record.observedGone(now)));
            case CLEAR_OBSERVATION -> written(action, store.update(record.observationCleared(now)));
            case FINALISE -> written(action, store.update(record.deregistered(now, retention,
                    "closed by the reconciler: instance gone, no VM resource left")));
            case REMOVE -> remove(action, now);
            case REPORT_UNREGISTERED -> new ActionResult(action, ActionResult.Status.DONE, action.reason(), 0);
        };
    }

    /**
     * Closes the record first, so a handler deregistering the same instance right now either
     * has already won (and the delete is skipped) or finds the record final; then deletes.
     * Should the delete fail, the final record still places the resource and the next pass retries.
     */
    private ActionResult remove(Action action, Instant now) {
        InstanceRecord record = action.record();
        if (!record.status().isFinal() && !store.update(record.deregistered(now, retention,
                "closed by the reconciler: instance gone; its VM resource is deleted next"))) {
            return written(action, false);
        }
        ResolvedEnvironment environment = action.environment();
        AzureDevOps azureDevOps = organizations.organization(environment.organization());
        int poolId = resolver.poolId(environment.organization(), environment.environment());
        int deleted = 0;
        for (VmResource resource : action.resources()) {
            boolean removed = resource.agent().isPresent()
                    ? InstanceResources.removeWithAgent(azureDevOps, environment.environment(), resource.id(),
                            new InstanceRecord.AgentRef(poolId, resource.agent().get().id()))
                    : azureDevOps.deleteVmResource(environment.environment(), resource.id());
            if (removed) {
                deleted++;
            }
        }
        int agents = 0;
        for (Agent agent : action.agentsLeft()) {
            if (azureDevOps.deleteAgent(poolId, agent.id())) {
                agents++;
            }
        }
        String detail = deleted == action.resources().size() ? "deleted " + deleted + " VM resource(s)"
                : "deleted " + deleted + " VM resource(s); the rest were already gone";
        return new ActionResult(action, ActionResult.Status.DONE,
                action.agentsLeft().isEmpty() ? detail : detail + "; deleted " + agents + " agent(s) left in the pool",
                deleted);
    }

    private static ActionResult written(Action action, boolean won) {
        return won ? new ActionResult(action, ActionResult.Status.DONE, action.reason(), 0)
                : new ActionResult(action, ActionResult.Status.LOST_RACE,
                        "the record changed since the plan read it; the next pass decides again", 0);
    }

    /** Environments that records place instances in, and the configured ones. */
    private Map<EnvironmentKey, ResolvedEnvironment> managedEnvironments(Iterable<InstanceRecord> records,
                                                                        Draft draft) {
        Map<EnvironmentKey, ResolvedEnvironment> managed = new LinkedHashMap<>();
        for (InstanceRecord record : records) {
            recordedEnvironment(record).ifPresent(environment -> managed.putIfAbsent(EnvironmentKey.of(environment),
                    environment));
        }
        for (Placement configured : settings.environments()) {
            try {
                ResolvedEnvironment environment = resolver.resolve(configured);
                managed.putIfAbsent(EnvironmentKey.of(environment), environment);
            } catch (RuntimeException e) {
                draft.problem("cannot resolve configured environment " + configured.organization() + "/"
                        + configured.project() + "/" + configured.environment() + ": " + e.getMessage());
            }
        }
        return managed;
    }

    /**
     * Records for live instances whose tags place them in a managed environment and that have no
     * record: their launch was never seen. A record makes them managed, so a lost termination
     * cannot leave their VM resource behind. An instance with any record, a tombstone included,
     * is never adopted, and tags never make an environment managed.
     */
    private List<InstanceRecord> adoptions(Map<String, InstanceRecord> records,
                                           Map<EnvironmentKey, ResolvedEnvironment> managed, Draft draft,
                                           Map<String, InstanceState> listedAlive) {
        List<InstanceRecord> adopted = new ArrayList<>();
        for (TaggedInstance instance : tagged.carryingAnyOf(Set.of(TagContract.PROJECT, TagContract.ENVIRONMENT))) {
            if (!instance.state().isGone()) {
                listedAlive.put(instance.instanceId(), instance.state());
            }
            if (records.containsKey(instance.instanceId())) {
                continue;
            }
            Placement placement;
            try {
                placement = TagContract.placementOf(instance.tags(), organizations.defaultOrganization()).orElseThrow();
            } catch (InvalidTagsException e) {
                draft.hold(Hold.TAGS_UNUSABLE);
                continue;
            }
            Optional<ResolvedEnvironment> environment = managed.values().stream()
                    .filter(candidate -> names(candidate, placement)).findFirst();
            if (environment.isEmpty()) {
                draft.hold(Hold.ENVIRONMENT_NOT_MANAGED);
                continue;
            }
            // The pass read managed records only, and a moment late: a tombstone, or a record
            // written since, is found by asking for this instance alone.
            if (store.find(instance.instanceId()).isPresent()) {
                draft.hold(Hold.RECORDED_SINCE);
                continue;
            }
            adopted.add(InstanceRecord.launching(instance.instanceId(),
                    Optional.ofNullable(instance.tags().get(GROUP_TAG)), environment.get(), placement.resourceTags(),
                    Optional.empty(), draft.at).noted(ADOPTED));
        }
        return adopted;
    }

    /**
     * An adopted instance whose VM resource is already online is registered: the boot grace that
     * protects a launching record is for instances EC2 may not list yet, and this one it listed.
     */
    private static InstanceRecord registered(InstanceRecord launching, VmResource online) {
        return new InstanceRecord(launching.instanceId(), launching.asgName(), launching.organizationUrl(),
                launching.projectId(), launching.projectName(), launching.environmentId(), launching.environmentName(),
                launching.resourceTags(), Optional.of(online.id()), RegistrationStatus.REGISTERED,
                launching.createdAt(), launching.updatedAt(), Optional.empty(), 0, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(new InstanceRecord.Transition(launching.createdAt(),
                        RegistrationStatus.REGISTERED, ADOPTED + "; VM resource " + online.id() + " online")));
    }

    /** Whether the tags' placement names this environment (the project by name or id, names ignoring case). */
    private static boolean names(ResolvedEnvironment environment, Placement placement) {
        return environment.organization().equals(placement.organization())
                && (environment.project().name().equalsIgnoreCase(placement.project())
                || environment.project().id().equalsIgnoreCase(placement.project()))
                && environment.environment().name().equalsIgnoreCase(placement.environment());
    }

    /**
     * Every VM resource of the environment, and every agent of its deployment pool: the pool's
     * listing finds agents a deleted VM resource left behind and settles the status of agents the
     * VM resource listing showed without one. Without it the pass goes on, deleting no agent and
     * taking no unknown status as offline.
     */
    private Optional<Listing> list(ResolvedEnvironment environment, Draft draft) {
        AzureDevOps azureDevOps = organizations.organization(environment.organization());
        List<VmResource> resources;
        try {
            resources = azureDevOps.allVmResources(environment.environment(), VmResourceQuery.all().withTop(PAGE_SIZE));
        } catch (RuntimeException e) {
            draft.problem("cannot list the VM resources of " + label(environment) + ": " + e.getMessage());
            return Optional.empty();
        }
        Optional<List<Agent>> agents;
        try {
            agents = Optional.of(azureDevOps.agents(resolver.poolId(environment.organization(),
                    environment.environment())));
        } catch (RuntimeException e) {
            draft.problem("cannot list the deployment pool agents of " + label(environment) + ": " + e.getMessage());
            agents = Optional.empty();
        }
        return Optional.of(new Listing(environment, resources, agents));
    }

    /** The environment a record places its instance in, with the names the record keeps. */
    private static Optional<ResolvedEnvironment> recordedEnvironment(InstanceRecord record) {
        return record.environment().map(where -> new ResolvedEnvironment(where.organization(),
                new ProjectRef(where.environment().projectId(), record.projectName().orElse(where.environment().projectId())),
                where.environment()));
    }

    private boolean withinBootGrace(InstanceRecord record, Instant now) {
        return now.isBefore(record.createdAt().plus(settings.bootGrace()));
    }

    private static long minutesSince(Instant then, Instant now) {
        return Duration.between(then, now).toMinutes();
    }

    private static Action action(Action.Kind kind, InstanceRecord record, ResolvedEnvironment environment,
                                 List<VmResource> resources, String reason) {
        return new Action(kind, record.instanceId(), environment, resources, reason, record);
    }

    static String label(ResolvedEnvironment environment) {
        return environment.organization() + "/" + environment.project().name() + "/"
                + environment.environment().name() + " (" + environment.environment().id() + ")";
    }

    /** An environment by identity: names can change, ids do not. */
    record EnvironmentKey(OrganizationUrl organization, String projectId, int environmentId) {
        static EnvironmentKey of(ResolvedEnvironment environment) {
            EnvironmentRef ref = environment.environment();
            return new EnvironmentKey(environment.organization(), ref.projectId(), ref.id());
        }
    }

    /**
     * One environment's VM resources, which of them records have claimed, and its deployment
     * pool's agents (empty when the pool could not be listed).
     */
    private static final class Listing {
        private final ResolvedEnvironment environment;
        private final List<VmResource> resources;
        private final Map<String, VmResource> byName = new HashMap<>();
        private final Map<Integer, VmResource> byId = new HashMap<>();
        private final Set<Integer> claimed = new HashSet<>();
        private final Optional<Map<Integer, Agent>> poolAgents;
        /** Pool agents no listed VM resource points at, by name. */
        private final Map<String, List<Agent>> agentsLeft = new HashMap<>();

        Listing(ResolvedEnvironment environment, List<VmResource> resources, Optional<List<Agent>> agents) {
            this.environment = environment;
            this.resources = resources;
            Set<Integer> pointedAt = new HashSet<>();
            for (VmResource resource : resources) {
                byName.put(resource.name().toLowerCase(Locale.ROOT), resource);
                byId.put(resource.id(), resource);
                resource.agent().ifPresent(agent -> pointedAt.add(agent.id()));
            }
            this.poolAgents = agents.map(list -> {
                Map<Integer, Agent> byAgentId = new HashMap<>();
                for (Agent agent : list) {
                    byAgentId.put(agent.id(), agent);
                    if (!pointedAt.contains(agent.id())) {
                        agentsLeft.computeIfAbsent(agent.name().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                                .add(agent);
                    }
                }
                return byAgentId;
            });
        }

        /** The resource's agent with its status settled: as listed, else as the pool lists it. */
        private Optional<Agent> settled(VmResource resource) {
            Optional<Agent> listed = resource.agent();
            if (listed.isEmpty() || listed.get().statusKnown() || poolAgents.isEmpty()) {
                return listed;
            }
            // Not in the pool: the agent is gone, so it is not online.
            return Optional.of(Optional.ofNullable(poolAgents.get().get(listed.get().id()))
                    .orElse(new Agent(listed.get().id(), listed.get().name(), listed.get().version(),
                            Agent.Status.OFFLINE, listed.get().enabled(), Optional.empty())));
        }

        boolean online(VmResource resource) {
            return settled(resource).map(Agent::online).orElse(false);
        }

        /** Listed without a status, and the pool's listing could not settle it. */
        boolean unsettled(VmResource resource) {
            return settled(resource).map(agent -> !agent.statusKnown()).orElse(false);
        }

        /** Agents named after the record's instance left in the pool with no VM resource pointing at them. */
        List<Agent> agentsLeft(InstanceRecord record) {
            return agentsLeft.getOrDefault(record.instanceId().toLowerCase(Locale.ROOT), List.of());
        }

        ResolvedEnvironment environment() {
            return environment;
        }

        /** The record's VM resources here: by its stored id, and by its name, which is the instance id. */
        List<VmResource> claim(InstanceRecord record) {
            List<VmResource> matched = new ArrayList<>();
            record.resourceId().map(byId::get).ifPresent(matched::add);
            VmResource named = byName.get(record.instanceId().toLowerCase(Locale.ROOT));
            if (named != null && !matched.contains(named)) {
                matched.add(named);
            }
            matched.forEach(resource -> claimed.add(resource.id()));
            return matched;
        }

        EnvironmentView view() {
            return new EnvironmentView(environment,
                    resources.stream().filter(resource -> claimed.contains(resource.id())).toList(),
                    resources.stream().filter(resource -> !claimed.contains(resource.id())).toList());
        }
    }

    /** A plan being made: the actions so far, what was held and why, and what could not be looked at. */
    private static final class Draft {
        private final Instant at;
        private final List<Action> actions = new ArrayList<>();
        private final Map<Hold, Integer> held = new EnumMap<>(Hold.class);
        private final List<String> problems = new ArrayList<>();

        Draft(Instant at) {
            this.at = at;
        }

        void act(Action action) {
            actions.add(action);
        }

        void hold(Hold reason) {
            held.merge(reason, 1, Integer::sum);
        }

        void problem(String problem) {
            problems.add(problem);
        }

        Plan plan(List<EnvironmentView> environments) {
            return new Plan(at, actions, environments, held, problems);
        }
    }
}
