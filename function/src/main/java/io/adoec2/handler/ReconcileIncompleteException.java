package io.adoec2.handler;

import io.adoec2.lifecycle.reconcile.ActionResult;
import io.adoec2.lifecycle.reconcile.ReconcileReport;
import java.util.List;
import java.util.stream.Stream;

/** A reconcile pass that could not look at everything or carry out everything; its log lines say what. */
public class ReconcileIncompleteException extends RuntimeException {
    public ReconcileIncompleteException(ReconcileReport report) {
        super(message(report));
    }

    private static String message(ReconcileReport report) {
        List<String> failed = report.results().stream().filter(r -> r.status() == ActionResult.Status.FAILED)
                .map(r -> r.action().kind() + " " + r.action().instanceId() + ": " + r.detail()).toList();
        return "reconcile pass incomplete: " + report.plan().problems().size() + " problem(s), " + failed.size()
                + " failed action(s)" + Stream.concat(report.plan().problems().stream(), failed.stream()).findFirst()
                .map(first -> "; first: " + first).orElse("");
    }
}
