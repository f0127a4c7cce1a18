package io.adoec2.cli.status;

import io.adoec2.azuredevops.Agent;
import io.adoec2.azuredevops.VmResource;
import io.adoec2.lifecycle.InstanceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** {@code status} as text for a terminal: one table per environment, then totals and problems. */
final class StatusTables {
    private StatusTables() {}

    static String fleet(FleetStatus status) {
        StringBuilder out = new StringBuilder("Status at " + status.at() + " (reads only; nothing was changed)\n\n");
        for (FleetStatus.EnvironmentStatus environment : status.environments()) {
            out.append(environment.label()).append(" (environment ").append(environment.environment().environment().id())
                    .append(")\n");
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("INSTANCE", "EC2", "RECORD", "VM RESOURCE", "AGENT", "AGE", "DRIFT"));
            for (InstanceRow row : environment.instances()) {
                rows.add(List.of(row.instanceId(), row.ec2State().name().toLowerCase(java.util.Locale.ROOT),
                        row.record().map(r -> r.status().name()).orElse("-"), resources(row.resources()),
                        agent(row), age(row.age()), row.drift().map(Drift::label).orElse("")));
            }
            table(out, rows, "No instances.");
        }
        if (status.environments().isEmpty()) {
            out.append("No managed environment: no record places an instance anywhere.\n\n");
        }
        FleetStatus.Totals totals = status.totals();
        out.append("Totals: ").append(totals.instances()).append(" instance(s) in ").append(status.environments().size())
                .append(" environment(s); ").append(totals.registered()).append(" with a VM resource, ")
                .append(totals.agentsOnline()).append(" agent(s) online, ").append(totals.agentsBusy())
                .append(" busy; ").append(status.closedRecords()).append(" closed record(s) not shown\n");
        if (totals.drift().isEmpty()) {
            out.append("Drift: none\n");
        }
        totals.drift().forEach((kind, count) -> out.append("Drift ").append(kind.label()).append(": ").append(count)
                .append(" (").append(kind.description()).append(")\n"));
        status.problems().forEach(problem -> out.append("PROBLEM: ").append(problem).append('\n'));
        return out.toString().stripTrailing();
    }

    /** One instance: its row(s), its record field by field, and its last transitions. */
    static String instance(String instanceId, List<InstanceRow> rows, java.util.Optional<InstanceRecord> record) {
        StringBuilder out = new StringBuilder("Instance " + instanceId + "\n");
        for (InstanceRow row : rows) {
            out.append("  EC2 state:    ").append(row.ec2State()).append('\n');
            out.append("  VM resource:  ").append(resources(row.resources())).append('\n');
            out.append("  agent:        ").append(agent(row)).append('\n');
            out.append("  drift:        ").append(row.drift().map(d -> d.label() + ": " + row.detail()).orElse("none"))
                    .append('\n');
        }
        if (record.isEmpty()) {
            out.append("  record:       none").append(rows.isEmpty() ? " (and nothing of it in any managed environment)" : "")
                    .append('\n');
            return out.toString().stripTrailing();
        }
        InstanceRecord r = record.get();
        out.append("  record:       ").append(r.status()).append(" (version ").append(r.version()).append(")\n");
        out.append("  environment:  ").append(r.organizationUrl().orElse("-")).append(" / ")
                .append(r.projectName().orElse(r.projectId().orElse("-"))).append(" / ")
                .append(r.environmentName().orElse("-")).append(r.environmentId().map(id -> " (" + id + ")").orElse(""))
                .append('\n');
        out.append("  group:        ").append(r.asgName().orElse("-")).append('\n');
        out.append("  created:      ").append(r.createdAt()).append('\n');
        out.append("  updated:      ").append(r.updatedAt()).append('\n');
        r.hook().ifPresent(hook -> out.append("  held by:      ").append(hook.hook().transition()).append(" hook ")
                .append(hook.hook().hookName()).append(" since ").append(hook.startedAt()).append('\n'));
        r.drainStartedAt().ifPresent(at -> out.append("  drain since:  ").append(at).append('\n'));
        r.goneObservedAt().ifPresent(at -> out.append("  seen gone:    ").append(at).append('\n'));
        r.expiresAt().ifPresent(at -> out.append("  expires:      ").append(at).append('\n'));
        out.append("  history (oldest first, last ").append(InstanceRecord.Transition.KEPT).append(" kept):\n");
        for (InstanceRecord.Transition transition : r.history()) {
            out.append("    ").append(transition.at()).append("  ").append(String.format("%-12s", transition.status()))
                    .append(transition.note()).append('\n');
        }
        return out.toString().stripTrailing();
    }

    static String resources(List<VmResource> resources) {
        return resources.isEmpty() ? "-" : resources.stream().map(r -> Integer.toString(r.id()))
                .collect(Collectors.joining(","));
    }

    static String agent(InstanceRow row) {
        return row.agent().map(StatusTables::agent).orElse("-");
    }

    private static String agent(Agent agent) {
        return (agent.online() ? "online" : "offline") + "," + (agent.enabled() ? "enabled" : "disabled")
                + (agent.busy() ? ",busy" : "");
    }

    static String age(Duration age) {
        if (age.toDays() > 0) {
            return age.toDays() + "d" + age.toHoursPart() + "h";
        }
        if (age.toHours() > 0) {
            return age.toHours() + "h" + age.toMinutesPart() + "m";
        }
        return age.toMinutes() + "m";
    }

    private static void table(StringBuilder out, List<List<String>> rows, String empty) {
        if (rows.size() == 1) {
            out.append("  ").append(empty).append("\n\n");
            return;
        }
        int columns = rows.getFirst().size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns - 1; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (List<String> row : rows) {
            out.append("  ");
            for (int c = 0; c < columns - 1; c++) {
                out.append(String.format("%-" + widths[c] + "s  ", row.get(c)));
            }
            out.append(row.get(columns - 1)).append('\n');
        }
        out.append('\n');
    }
}
