package io.adoec2.handler;

import io.adoec2.lifecycle.reconcile.ActionResult;
import io.adoec2.lifecycle.reconcile.ReconcileReport;

/** A reconcile pass that could not look at everything or carry out everything; its log lines say what. */
public class ReconcileIncompleteException extends RuntimeException {
    public ReconcileIncompleteException(ReconcileReport report) {
        super("reconcile pass incomplete: " + report.plan().problems().size() + " problem(s), "
                + report.results().stream().filter(r -> r.status() == ActionResult.Status.FAILED).count()
                + " failed action(s)" + report.plan().problems().stream().findFirst().map(p -> "; first: " + p)
                .orElse(""));
    }
}
