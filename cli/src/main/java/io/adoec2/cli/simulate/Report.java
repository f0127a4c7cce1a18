package io.adoec2.cli.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adoec2.azuredevops.simulator.DeletionModel;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a simulation run did and whether the invariants held: each invariant is a count of its
 * violations, and every fault kind a count of injections. {@code adoCalls} counts only the
 * event handlers' own calls: not the agents' registration calls (the userdata's), nor the
 * reconciler's, which are reported with its runs. {@code instances} counts every lifecycle: the
 * {@code launched} the run asked for and the group's {@code replacements} of instances gone before
 * they served (abandoned launches, instances terminated at once). Wall time is split between the
 * set-up (moto's server and the simulator starting, a first run's installs) and the simulation.
 */
record Report(
        long seed,
        boolean chaos,
        DeletionModel deletionModel,
        int instances,
        int launched,
        int replacements,
        int registered,
        int deregistered,
        int orphans,
        int poolAgentsLeft,
        int wrongDeletions,
        int unmanagedDeleted,
        int jobsInterrupted,
        int hooksCompleted,
        int hooksTimedOut,
        int stuckRecords,
        int registrationFailures,
        int abandoned,
        int deadLettered,
        int lostNotifications,
        int unmanaged,
        ReconcileRuns reconciler,
        Map<FaultKind, Integer> faultsInjected,
        long adoCallsTotal,
        Map<String, Long> adoCallsByOperation,
        long simulatedSeconds,
        long setupMs,
        long simulationMs,
        AuthSummary auth) {

    /** How the functions authenticated: the mode, and the Entra access tokens and STS tokens it took. */
    record AuthSummary(String mode, int accessTokens, int webIdentityTokens) {
        static final AuthSummary PAT = new AuthSummary("pat", 0, 0);
    }

    Report {
        adoCallsByOperation = new TreeMap<>(adoCallsByOperation);
        faultsInjected = new EnumMap<>(faultsInjected);
    }

    boolean invariantsHeld() {
        return orphans == 0 && poolAgentsLeft == 0 && wrongDeletions == 0 && unmanagedDeleted == 0 && jobsInterrupted == 0
                && hooksTimedOut == 0 && stuckRecords == 0;
    }

    long durationMs() {
        return setupMs + simulationMs;
    }

    double adoCallsPerLifecycle() {
        return instances == 0 ? 0 : (double) adoCallsTotal / instances;
    }

    String toJson() {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("seed", seed);
        root.put("chaos", chaos);
        root.put("deletionModel", deletionModel.name().toLowerCase(Locale.ROOT));
        root.put("instances", instances);
        root.put("launched", launched);
        root.put("replacements", replacements);
        root.put("registered", registered);
        root.put("deregistered", deregistered);
        root.put("orphans", orphans);
        root.put("poolAgentsLeft", poolAgentsLeft);
        root.put("wrongDeletions", wrongDeletions);
        root.put("unmanagedDeleted", unmanagedDeleted);
        root.put("jobsInterrupted", jobsInterrupted);
        root.put("hooksCompleted", hooksCompleted);
        root.put("hooksTimedOut", hooksTimedOut);
        root.put("stuckRecords", stuckRecords);
        root.put("registrationFailures", registrationFailures);
        root.put("abandoned", abandoned);
        root.put("deadLettered", deadLettered);
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
        ObjectNode faults = root.putObject("faultsInjected");
        faultsInjected.forEach((kind, count) -> faults.put(kind.jsonName(), count));
        ObjectNode calls = root.putObject("adoCalls");
        calls.put("total", adoCallsTotal);
        calls.put("perLifecycle", Math.round(adoCallsPerLifecycle() * 1000) / 1000.0);
        ObjectNode byOperation = calls.putObject("byOperation");
        adoCallsByOperation.forEach(byOperation::put);
        ObjectNode authentication = root.putObject("auth");
        authentication.put("mode", auth.mode());
        authentication.put("accessTokens", auth.accessTokens());
        authentication.put("webIdentityTokens", auth.webIdentityTokens());
        root.put("simulatedSeconds", simulatedSeconds);
        root.put("setupMs", setupMs);
        root.put("simulationMs", simulationMs);
        root.put("durationMs", durationMs());
        root.put("invariantsHeld", invariantsHeld());
        return root.toString();
    }

    String toText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Simulated %d instance lifecycles (seed %d%s) against the %s deletion model%s: %d s "
                + "of Auto Scaling in %.1f s, after %.1f s of set-up%n", instances, seed, chaos ? ", chaos" : "",
                deletionModel.name().toLowerCase(Locale.ROOT), replacementsText(), simulatedSeconds,
                simulationMs / 1000.0, setupMs / 1000.0));
        line(out, "registered", registered, false);
        line(out, "deregistered", deregistered, false);
        line(out, "orphans", orphans, true);
        line(out, "pool agents left", poolAgentsLeft, true);
        line(out, "wrong deletions", wrongDeletions, true);
        line(out, "unmanaged deleted", unmanagedDeleted, true);
        line(out, "jobs interrupted", jobsInterrupted, true);
        line(out, "hooks completed", hooksCompleted, false);
        line(out, "hooks timed out", hooksTimedOut, true);
        line(out, "stuck records", stuckRecords, true);
        line(out, "registration failures", registrationFailures, false);
        line(out, "abandoned", abandoned, false);
        line(out, "dead-lettered events", deadLettered, false);
        line(out, "lost notifications", lostNotifications, false);
        line(out, "unmanaged (by hand)", unmanaged, false);
        out.append(String.format("  %-22s %6d  (%d passes, %d incomplete, %d adopted, %d finalised, %d Azure DevOps "
                + "calls)%n", "reconciler removed", reconciler.removed(), reconciler.passes(),
                reconciler.incompletePasses(), reconciler.adopted(), reconciler.finalised(), reconciler.adoCalls()));
        out.append(String.format("  %-22s %6d  (%.2f per lifecycle)%n", "Azure DevOps calls", adoCallsTotal,
                adoCallsPerLifecycle()));
        adoCallsByOperation.forEach((operation, count) ->
                out.append(String.format("    %-20s %6d%n", operation, count)));
        if (!auth.mode().equals(AuthSummary.PAT.mode())) {
            out.append(String.format("  %-22s %s: %d access tokens, %d web identity tokens%n", "authentication",
                    auth.mode(), auth.accessTokens(), auth.webIdentityTokens()));
        }
        if (chaos) {
            out.append("  faults injected").append(System.lineSeparator());
            faultsInjected.forEach((kind, count) ->
                    out.append(String.format("    %-26s %6d%n", kind.jsonName(), count)));
        }
        out.append(invariantsHeld() ? "All invariants held (seed " + seed + ")."
                : "INVARIANTS VIOLATED: replay with the same options and --seed " + seed + ".")
                .append(System.lineSeparator());
        return out.toString();
    }

    private String replacementsText() {
        if (replacements == 0) {
            return "";
        }
        return String.format(": %d launched, %d replacement%s of instances gone before they served (%d abandoned "
                + "launch%s)", launched, replacements, replacements == 1 ? "" : "s", abandoned,
                abandoned == 1 ? "" : "es");
    }

    private static void line(StringBuilder out, String label, int value, boolean invariant) {
        out.append(String.format("  %-22s %6d%s%n", label, value, invariant && value != 0 ? "  <- violation" : ""));
    }
}
