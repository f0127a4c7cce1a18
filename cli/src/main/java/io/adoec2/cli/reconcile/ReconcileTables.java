package io.adoec2.cli.reconcile;

import io.adoec2.azuredevops.VmResource;
import io.adoec2.lifecycle.ResolvedEnvironment;
import io.adoec2.lifecycle.reconcile.Action;
import io.adoec2.lifecycle.reconcile.ActionResult;
import io.adoec2.lifecycle.reconcile.EnvironmentView;
import io.adoec2.lifecycle.reconcile.Hold;
import io.adoec2.lifecycle.reconcile.Plan;
import io.adoec2.lifecycle.reconcile.ReconcileReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A reconcile pass as text tables for a terminal: environments, then actions, then what was held. */
final class ReconcileTables {
    private ReconcileTables() {}

    static String plan(Plan plan) {
        StringBuilder out = new StringBuilder("Dry run at " + plan.at() + ": nothing was changed.\n\n");
        environments(out, plan);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ACTION", "INSTANCE", "ENVIRONMENT", "RESOURCES", "REASON"));
        for (Action action : plan.actions()) {
            rows.add(List.of(action.kind().name(), action.instanceId(), name(action.environment()),
                    resources(action.resources()), action.reason()));
        }
        section(out, rows, "Nothing to do.");
        footer(out, plan);
        return out.toString().stripTrailing();
    }

    static String report(ReconcileReport report) {
        Plan plan = report.plan();
        StringBuilder out = new StringBuilder("Reconciled at " + plan.at() + ": removed " + report.removed()
                + " VM resource(s).\n\n");
        environments(out, plan);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ACTION", "INSTANCE", "ENVIRONMENT", "RESOURCES", "STATUS", "DETAIL"));
        for (ActionResult result : report.results()) {
            Action action = result.action();
            rows.add(List.of(action.kind().name(), action.instanceId(), name(action.environment()),
                    resources(action.resources()), result.status().name(), result.detail()));
        }
        section(out, rows, "Nothing to do.");
        footer(out, plan);
        return out.toString().stripTrailing();
    }

    private static void environments(StringBuilder out, Plan plan) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ENVIRONMENT", "ID", "RESOURCES", "MANAGED", "UNMANAGED"));
        for (EnvironmentView view : plan.environments()) {
            rows.add(List.of(name(view.environment()), Integer.toString(view.environment().environment().id()),
                    Integer.toString(view.resources()), Integer.toString(view.managed()),
                    Integer.toString(view.unmanaged())));
        }
        section(out, rows, "No managed environment.");
    }

    private static void footer(StringBuilder out, Plan plan) {
        Map<Hold, Integer> held = new TreeMap<>(plan.held());
        held.forEach((reason, count) -> out.append("Held ").append(count).append(": ").append(reason.description())
                .append('\n'));
        plan.problems().forEach(problem -> out.append("PROBLEM: ").append(problem).append('\n'));
    }

    /** Columns padded to their widest cell; the last column is left ragged. */
    private static void section(StringBuilder out, List<List<String>> rows, String empty) {
        if (rows.size() == 1) {
            out.append(empty).append("\n\n");
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
            for (int c = 0; c < columns - 1; c++) {
                out.append(String.format("%-" + widths[c] + "s  ", row.get(c)));
            }
            out.append(row.get(columns - 1)).append('\n');
        }
        out.append('\n');
    }

    private static String name(ResolvedEnvironment environment) {
        return environment.organization() + "/" + environment.project().name() + "/" + environment.environment().name();
    }

    private static String resources(List<VmResource> resources) {
        return resources.isEmpty() ? "-" : String.join(",", resources.stream().map(r -> Integer.toString(r.id())).toList());
    }
}
