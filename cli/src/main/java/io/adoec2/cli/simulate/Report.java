package io.adoec2.cli.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a simulation run did and whether the invariants held. {@code adoCalls} counts only the
 * event handlers' own calls (the agents' registration calls are the userdata's, not ours; the
 * reconciler's are in {@code reconciler}). {@code reconcilerRemoved} is what the reconciler
 * deleted: the VM resources lost notifications would have left behind.
 */
record Report(
        long seed,
        int instances,
        int registered,
        int deregistered,
        int orphans,
        int wrongDeletions,
        int unmanagedDeleted,
        int deliveriesFailed,
        long adoCallsTotal,
        Map<String, Long> adoCallsByOperation,
        long simulatedSeconds,
        long durationMs,
        int lostNotifications,
        int unmanaged,
        ReconcileRuns reconciler) {

    Report {
        adoCallsByOperation = new TreeMap<>(adoCallsByOperation);
    }

    boolean invariantsHeld() {
        return orphans == 0 && wrongDeletions == 0 && unmanagedDeleted == 0;
    }

    double adoCallsPerLifecycle() {
        return instances == 0 ? 0 : (double) adoCallsTotal / instances;
    }

    String toJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("seed", seed);
        root.put("instances", instances);
        root.put("registered", registered);
        root.put("deregistered", deregistered);
        root.put("orphans", orphans);
        root.put("wrongDeletions", wrongDeletions);
        root.put("unmanagedDeleted", unmanagedDeleted);
        root.put("deliveriesFailed", deliveriesFailed);
        root.put("lostNotifications", lostNotifications);
        root.put("unmanaged", unmanaged);
        root.put("reconcilerRemoved", reconciler.removed());
        ObjectNode reconcile = root.putObject("reconciler");
        reconcile.put("passes", reconciler.passes());
        reconcile.put("incompletePasses", reconciler.incompletePasses());
        reconcile.put("removed", reconciler.removed());
        reconcile.put("adopted", reconciler.adopted());
        reconcile.put("finalised", reconciler.finalised());
        reconcile.put("adoCalls", reconciler.adoCalls());
        ObjectNode calls = root.putObject("adoCalls");
        calls.put("total", adoCallsTotal);
        calls.put("perLifecycle", Math.round(adoCallsPerLifecycle() * 1000) / 1000.0);
        ObjectNode byOperation = calls.putObject("byOperation");
        adoCallsByOperation.forEach(byOperation::put);
        root.put("simulatedSeconds", simulatedSeconds);
        root.put("durationMs", durationMs);
        root.put("invariantsHeld", invariantsHeld());
        return root.toString();
    }

    String toText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Simulated %d instance lifecycles (seed %d): %d s of Auto Scaling in %.1f s%n",
                instances, seed, simulatedSeconds, durationMs / 1000.0));
        out.append(String.format("  registered         %6d%n", registered));
        out.append(String.format("  deregistered       %6d%n", deregistered));
        out.append(String.format("  orphans            %6d%s%n", orphans, mark(orphans)));
        out.append(String.format("  wrong deletions    %6d%s%n", wrongDeletions, mark(wrongDeletions)));
        out.append(String.format("  unmanaged deleted  %6d%s%n", unmanagedDeleted, mark(unmanagedDeleted)));
        out.append(String.format("  failed deliveries  %6d  (retried as Lambda retries asynchronous events)%n",
                deliveriesFailed));
        out.append(String.format("  lost notifications %6d%n", lostNotifications));
        out.append(String.format("  unmanaged          %6d  (hand-registered VM resources)%n", unmanaged));
        out.append(String.format("  reconciler removed %6d  (%d passes, %d incomplete, %d adopted, %d finalised, "
                + "%d Azure DevOps calls)%n", reconciler.removed(), reconciler.passes(), reconciler.incompletePasses(),
                reconciler.adopted(), reconciler.finalised(), reconciler.adoCalls()));
        out.append(String.format("  Azure DevOps calls %6d  (%.2f per lifecycle)%n", adoCallsTotal,
                adoCallsPerLifecycle()));
        adoCallsByOperation.forEach((operation, count) ->
                out.append(String.format("    %-20s %6d%n", operation, count)));
        out.append(invariantsHeld() ? "All invariants held." : "INVARIANTS VIOLATED.").append(System.lineSeparator());
        return out.toString();
    }

    private static String mark(int violations) {
        return violations == 0 ? "" : "  <- violation";
    }
}
