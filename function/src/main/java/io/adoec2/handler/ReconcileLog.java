package io.adoec2.handler;

import io.adoec2.events.schedule.ScheduledEvent;
import io.adoec2.lifecycle.reconcile.Action;
import io.adoec2.lifecycle.reconcile.ActionResult;
import io.adoec2.lifecycle.reconcile.ReconcileReport;
import io.adoec2.observe.EventLog;
import java.util.Map;

/**
 * One log line (and metric) per thing a reconcile pass did, and one for the pass: metric
 * {@code Reconcile} by {@code Action} (an instance running without a VM resource is
 * {@code REPORT_UNREGISTERED}, at WARN), {@code ReconcileError} for what failed, and
 * {@code ReconcilePass} by {@code Result}.
 */
final class ReconcileLog {
    private final EventLog log;

    ReconcileLog(EventLog log) {
        this.log = log;
    }

    void report(ReconcileReport report, ScheduledEvent event) {
        String origin = "schedule:" + event.id();
        for (ActionResult result : report.results()) {
            Action action = result.action();
            Map<String, String> fields = Map.of("instanceId", action.instanceId(), "origin", origin,
                    "environment", action.environment().organization() + "/" + action.environment().project().name()
                            + "/" + action.environment().environment().name(),
                    "resourceIds", ReconcileJson.resourceIds(action.resources()));
            switch (result.status()) {
                case DONE -> log.count(action.kind() == Action.Kind.REPORT_UNREGISTERED ? "WARN" : "INFO",
                        "Reconcile", "Action", action.kind().name(), result.detail(), fields);
                case LOST_RACE -> log.count("INFO", "Reconcile", "Action", "LOST_RACE",
                        action.kind() + ": " + result.detail(), fields);
                case FAILED -> log.count("ERROR", "ReconcileError", "Action", action.kind().name(),
                        result.detail(), fields);
            }
        }
        for (String problem : report.plan().problems()) {
            log.count("ERROR", "ReconcileError", "Action", "PLAN", problem, Map.of("origin", origin));
        }
        log.count(report.complete() ? "INFO" : "ERROR", "ReconcilePass", "Result",
                report.complete() ? "COMPLETE" : "INCOMPLETE",
                "removed " + report.removed() + " VM resource(s); " + report.results().size() + " action(s)",
                Map.of("origin", origin, "removed", Integer.toString(report.removed()),
                        "actions", Integer.toString(report.results().size()),
                        "problems", Integer.toString(report.plan().problems().size()),
                        "scheduledAt", event.time().toString(), "rule", String.join(",", event.resources())));
    }

    void failed(RuntimeException e, ScheduledEvent event) {
        log.count("ERROR", "HandlerError", "Error", e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                Map.of("origin", "schedule:" + event.id()));
    }

    void malformed(String problem, String field) {
        log.count("ERROR", "MalformedEvent", "Source", "schedule", problem, Map.of("field", field));
    }
}
