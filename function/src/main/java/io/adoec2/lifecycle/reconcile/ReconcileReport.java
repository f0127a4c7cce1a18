package io.adoec2.lifecycle.reconcile;

import java.util.List;

/** A reconcile pass that was carried out: its plan and what came of each action. */
public record ReconcileReport(Plan plan, List<ActionResult> results) {

    public ReconcileReport {
        results = List.copyOf(results);
    }

    /** VM resources the pass deleted. */
    public int removed() {
        return results.stream().mapToInt(ActionResult::resourcesDeleted).sum();
    }

    /** True when every environment was looked at and no action failed. */
    public boolean complete() {
        return plan.problems().isEmpty()
                && results.stream().noneMatch(r -> r.status() == ActionResult.Status.FAILED);
    }
}
