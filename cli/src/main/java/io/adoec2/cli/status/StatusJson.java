package io.adoec2.cli.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adoec2.lifecycle.InstanceRecord;
import java.util.List;

/** {@code status --json}: the same content as the tables, one object. */
final class StatusJson {
    private StatusJson() {}

    static ObjectNode fleet(FleetStatus status) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("at", status.at().toString());
        ArrayNode environments = root.putArray("environments");
        for (FleetStatus.EnvironmentStatus environment : status.environments()) {
            ObjectNode node = environments.addObject();
            node.put("environment", environment.label());
            node.put("environmentId", environment.environment().environment().id());
            ArrayNode instances = node.putArray("instances");
            environment.instances().forEach(row -> instances.add(row(row)));
        }
        FleetStatus.Totals totals = status.totals();
        ObjectNode sums = root.putObject("totals");
        sums.put("environments", status.environments().size());
        sums.put("instances", totals.instances());
        sums.put("registered", totals.registered());
        sums.put("agentsOnline", totals.agentsOnline());
        sums.put("agentsBusy", totals.agentsBusy());
        sums.put("closedRecords", status.closedRecords());
        ObjectNode drift = sums.putObject("drift");
        for (Drift kind : Drift.values()) {
            drift.put(kind.label(), totals.drift().getOrDefault(kind, 0));
        }
        ArrayNode problems = root.putArray("problems");
        status.problems().forEach(problems::add);
        return root;
    }

    static ObjectNode instance(String instanceId, List<InstanceRow> rows, java.util.Optional<InstanceRecord> record) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("instanceId", instanceId);
        ArrayNode places = root.putArray("environments");
        rows.forEach(row -> places.add(row(row)));
        if (record.isEmpty()) {
            root.putNull("record");
            return root;
        }
        InstanceRecord r = record.get();
        ObjectNode node = root.putObject("record");
        node.put("status", r.status().name());
        node.put("version", r.version());
        node.put("createdAt", r.createdAt().toString());
        node.put("updatedAt", r.updatedAt().toString());
        r.asgName().ifPresent(v -> node.put("asgName", v));
        r.organizationUrl().ifPresent(v -> node.put("organizationUrl", v));
        r.projectName().ifPresent(v -> node.put("projectName", v));
        r.environmentName().ifPresent(v -> node.put("environmentName", v));
        r.environmentId().ifPresent(v -> node.put("environmentId", v));
        r.resourceId().ifPresent(v -> node.put("resourceId", v));
        r.drainStartedAt().ifPresent(v -> node.put("drainStartedAt", v.toString()));
        r.goneObservedAt().ifPresent(v -> node.put("goneObservedAt", v.toString()));
        r.expiresAt().ifPresent(v -> node.put("expiresAt", v.toString()));
        ArrayNode history = node.putArray("history");
        for (InstanceRecord.Transition transition : r.history()) {
            history.addObject().put("at", transition.at().toString()).put("status", transition.status().name())
                    .put("note", transition.note());
        }
        return root;
    }

    private static ObjectNode row(InstanceRow row) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("instanceId", row.instanceId());
        node.put("ec2State", row.ec2State().name());
        node.put("record", row.record().map(r -> r.status().name()).orElse(null));
        ArrayNode resources = node.putArray("vmResources");
        row.resources().forEach(resource -> resources.add(resource.id()));
        row.agent().ifPresentOrElse(agent -> node.putObject("agent").put("id", agent.id())
                .put("online", agent.online()).put("enabled", agent.enabled()).put("busy", agent.busy()),
                () -> node.putNull("agent"));
        node.put("ageSeconds", row.age().toSeconds());
        node.put("drift", row.drift().map(Drift::label).orElse(null));
        node.put("detail", row.detail());
        return node;
    }
}
