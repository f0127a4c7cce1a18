package io.adoec2.cli.simulate;

import io.adoec2.azuredevops.simulator.AzureDevOpsSimulator;
import io.adoec2.azuredevops.simulator.Call;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads every successful VM resource DELETE off the simulator's call log, whoever sent it (a
 * handler or the reconciler), and judges it: a resource of a live instance, or one the test
 * does not know, is a wrong deletion (invariant 2); a hand-registered one is an unmanaged
 * deletion (invariant 3).
 */
final class DeletionAudit {
    private final AzureDevOpsSimulator simulator;
    private final Map<Integer, String> instanceByResourceId = new HashMap<>();
    private final Set<Integer> unmanaged = new HashSet<>();
    private int callsChecked;
    private int wrongDeletions;
    private int unmanagedDeleted;

    DeletionAudit(AzureDevOpsSimulator simulator) {
        this.simulator = simulator;
    }

    /** A VM resource the group's userdata registered for an instance. */
    void registered(int resourceId, String instanceId) {
        instanceByResourceId.put(resourceId, instanceId);
    }

    /** A VM resource registered by hand: nothing of this system may delete it. */
    void unmanaged(int resourceId) {
        unmanaged.add(resourceId);
    }

    /**
     * Judges the deletions since the last check, {@code alive} telling which instances are
     * running and meant to stay. @return the instances whose VM resources were deleted
     */
    List<String> check(Predicate<String> alive) {
        List<Call> calls = simulator.calls().since(callsChecked);
        List<String> deleted = new ArrayList<>();
        for (Call call : calls) {
            if (call.operation().equals("Vmresource_Delete") && call.status() / 100 == 2) {
                String path = call.path();
                int resourceId = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
                String instanceId = instanceByResourceId.get(resourceId);
                if (unmanaged.contains(resourceId)) {
                    unmanagedDeleted++;
                } else if (instanceId == null || alive.test(instanceId)) {
                    wrongDeletions++;
                }
                if (instanceId != null) {
                    deleted.add(instanceId);
                }
            }
        }
        callsChecked += calls.size();
        return deleted;
    }

    int wrongDeletions() {
        return wrongDeletions;
    }

    int unmanagedDeleted() {
        return unmanagedDeleted;
    }
}
