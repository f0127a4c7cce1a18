package io.adoec2.cli.status;

import io.adoec2.azuredevops.VmResource;
import io.adoec2.lifecycle.HookSettings;
import io.adoec2.lifecycle.InstanceDirectory;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.InstanceState;
import io.adoec2.lifecycle.ResolvedEnvironment;
import io.adoec2.lifecycle.reconcile.Action;
import io.adoec2.lifecycle.reconcile.EnvironmentView;
import io.adoec2.lifecycle.reconcile.Plan;
import io.adoec2.lifecycle.reconcile.ReconcileSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code status} shows: every managed environment with its instances, each with the drift
 * the reconciler's plan names for it. The plan is the one drift detector; this only adds what a
 * plan does not act on: a record held past its state's time limit (stuck), a VM resource no record
 * places (not ours) and an orphan the plan holds for now (its instance is gone, but the first
 * sighting is recent, its agent is still online, or its record is within the boot grace).
 *
 * @param closedRecords final records (tombstones) with nothing left in any environment: not shown
 */
public record FleetStatus(Instant at, List<EnvironmentStatus> environments, int closedRecords, List<String> problems) {

    public record EnvironmentStatus(ResolvedEnvironment environment, List<InstanceRow> instances) {
        public String label() {
            return environment.organization() + "/" + environment.project().name() + "/"
                    + environment.environment().name();
        }
    }

    /** Counts over every environment. */
    public record Totals(int instances, int registered, int agentsOnline, int agentsBusy, Map<Drift, Integer> drift) {}

    public Totals totals() {
        Map<Drift, Integer> drift = new EnumMap<>(Drift.class);
        int instances = 0;
        int registered = 0;
        int online = 0;
        int busy = 0;
        for (EnvironmentStatus environment : environments) {
            for (InstanceRow row : environment.instances()) {
                instances++;
                registered += row.registered() ? 1 : 0;
                online += row.agent().filter(agent -> agent.online()).isPresent() ? 1 : 0;
                busy += row.agent().filter(agent -> agent.busy()).isPresent() ? 1 : 0;
                row.drift().ifPresent(kind -> drift.merge(kind, 1, Integer::sum));
            }
        }
        return new Totals(instances, registered, online, busy, drift);
    }

    /** The rows of one instance, in whichever environment they are. */
    public List<InstanceRow> rowsOf(String instanceId) {
        return environments.stream().flatMap(e -> e.instances().stream())
                .filter(row -> row.instanceId().equalsIgnoreCase(instanceId)).toList();
    }

    /**
     * @param records every record, as the plan read them (read again here: the plan keeps only those it acts on)
     */
    public static FleetStatus of(Plan plan, Collection<InstanceRecord> records, InstanceDirectory ec2,
                                 HookSettings hooks, ReconcileSettings reconcile) {
        Map<String, Action> actions = new HashMap<>();
        plan.actions().forEach(action -> actions.put(action.instanceId(), action));
        Set<String> ids = new LinkedHashSet<>();
        records.forEach(record -> ids.add(record.instanceId()));
        actions.keySet().forEach(ids::add);
        plan.environments().forEach(view -> view.unmanagedResources().stream().map(VmResource::name)
                .filter(name -> name.startsWith("i-")).forEach(ids::add));
        Map<String, InstanceState> states = ids.isEmpty() ? Map.of() : ec2.states(List.copyOf(ids));
        Builder builder = new Builder(plan.at(), actions, states, hooks, reconcile);

        List<EnvironmentStatus> environments = new ArrayList<>();
        Set<String> shown = new java.util.HashSet<>();
        for (EnvironmentView view : plan.environments()) {
            List<InstanceRow> rows = new ArrayList<>();
            for (InstanceRecord record : records) {
                if (!placesIn(record, view.environment())) {
                    continue;
                }
                List<VmResource> resources = view.managedResources().stream()
                        .filter(resource -> belongs(resource, record)).toList();
                if (record.status().isFinal() && resources.isEmpty()) {
                    continue;
                }
                rows.add(builder.recorded(record, resources));
                shown.add(record.instanceId());
            }
            for (Action action : plan.actions()) {
                if (action.kind() == Action.Kind.ADOPT && same(action.environment(), view.environment())) {
                    rows.add(builder.unrecorded(action));
                }
            }
            for (VmResource resource : view.unmanagedResources()) {
                rows.add(builder.notOurs(resource));
            }
            rows.sort(java.util.Comparator.comparing(InstanceRow::instanceId));
            environments.add(new EnvironmentStatus(view.environment(), rows));
        }
        int closed = (int) records.stream().filter(r -> r.status().isFinal() && !shown.contains(r.instanceId())).count();
        return new FleetStatus(plan.at(), environments, closed, plan.problems());
    }

    private static boolean placesIn(InstanceRecord record, ResolvedEnvironment environment) {
        return record.environment().filter(where -> where.organization().equals(environment.organization())
                && where.environment().id() == environment.environment().id()
                && where.environment().projectId().equals(environment.environment().projectId())).isPresent();
    }

    private static boolean same(ResolvedEnvironment a, ResolvedEnvironment b) {
        return a.organization().equals(b.organization()) && a.environment().id() == b.environment().id()
                && a.environment().projectId().equals(b.environment().projectId());
    }

    /** The reconciler's own claim: by the stored resource id, or by the name, which is the instance id. */
    private static boolean belongs(VmResource resource, InstanceRecord record) {
        return record.resourceId().filter(id -> id == resource.id()).isPresent()
                || resource.name().toLowerCase(Locale.ROOT).equals(record.instanceId().toLowerCase(Locale.ROOT));
    }

    private record Builder(Instant now, Map<String, Action> actions, Map<String, InstanceState> states,
                           HookSettings hooks, ReconcileSettings reconcile) {

        InstanceRow recorded(InstanceRecord record, List<VmResource> resources) {
            InstanceState state = states.getOrDefault(record.instanceId(), InstanceState.NOT_FOUND);
            Optional<Action> action = Optional.ofNullable(actions.get(record.instanceId()));
            Optional<Drift> planned = action.flatMap(a -> switch (a.kind()) {
                case REMOVE -> Optional.of(Drift.ORPHAN);
                case OBSERVE_GONE, FINALISE -> Optional.of(resources.isEmpty() ? Drift.STALE_RECORD : Drift.ORPHAN);
                case REPORT_UNREGISTERED -> Optional.of(Drift.UNREGISTERED);
                case ADOPT, CLEAR_OBSERVATION -> Optional.<Drift>empty();
            });
            Optional<Drift> drift = planned;
            String detail = action.filter(a -> planned.isPresent()).map(Action::reason).orElse("");
            if (drift.isEmpty() && state.isGone() && !resources.isEmpty()) {
                // The reconciler holds it for now (a second sighting, an agent still online, the boot
                // grace); the operator still sees a VM resource whose instance is gone.
                drift = Optional.of(Drift.ORPHAN);
                detail = "EC2 reports it " + state + "; the reconciler deletes its VM resource once "
                        + (record.goneObservedAt().map(at -> "it confirms the sighting of " + at)
                        .orElse("it has seen it gone twice with its agent offline"));
            }
            if (drift.isEmpty()) {
                Optional<String> stuck = stuck(record);
                if (stuck.isPresent()) {
                    drift = Optional.of(Drift.STUCK);
                    detail = stuck.get();
                }
            }
            return new InstanceRow(record.instanceId(), state, Optional.of(record), resources,
                    Duration.between(record.createdAt(), now), drift, detail);
        }

        InstanceRow unrecorded(Action adopt) {
            return new InstanceRow(adopt.instanceId(), states.getOrDefault(adopt.instanceId(), InstanceState.NOT_FOUND),
                    Optional.empty(), adopt.resources(), adopt.resources().stream().map(VmResource::createdOn)
                    .map(created -> Duration.between(created, now)).findFirst().orElse(Duration.ZERO),
                    Optional.of(Drift.NO_RECORD), adopt.reason());
        }

        InstanceRow notOurs(VmResource resource) {
            return new InstanceRow(resource.name(), states.getOrDefault(resource.name(), InstanceState.NOT_FOUND),
                    Optional.empty(), List.of(resource), Duration.between(resource.createdOn(), now),
                    Optional.of(Drift.NOT_OURS), "VM resource " + resource.id() + " was registered by someone else");
        }

        /** A record that should have moved on by now: the functions lost track of it. */
        private Optional<String> stuck(InstanceRecord record) {
            Duration since = Duration.between(record.updatedAt(), now);
            Duration limit = switch (record.status()) {
                case LAUNCHING -> hooks.registrationTimeout().plus(reconcile.bootGrace());
                case DRAINING -> hooks.drainLimit().plus(hooks.heartbeatTimeout());
                case REGISTERED, DEREGISTERED -> null;
            };
            if (limit == null || since.compareTo(limit) <= 0) {
                return Optional.empty();
            }
            return Optional.of("in " + record.status() + " for " + since.toMinutes() + " min (limit "
                    + limit.toMinutes() + " min) without a change");
        }
    }
}
