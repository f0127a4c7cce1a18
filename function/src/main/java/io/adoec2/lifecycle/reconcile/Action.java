package io.adoec2.lifecycle.reconcile;

import io.adoec2.azuredevops.Agent;
import io.adoec2.azuredevops.VmResource;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.ResolvedEnvironment;
import java.util.List;

/**
 * One thing a reconcile pass decided to do about one instance.
 *
 * @param record the record as the plan read it (every write is conditional on its version), or
 *               for {@link Kind#ADOPT} the record to create
 * @param resources the instance's VM resources in {@code environment} as the plan saw them
 * @param agentsLeft agents named after the instance in the environment's deployment pool that no
 *                   VM resource points at (a deleted VM resource may leave its agent behind)
 */
public record Action(Kind kind, String instanceId, ResolvedEnvironment environment, List<VmResource> resources,
                     String reason, InstanceRecord record, List<Agent> agentsLeft) {

    public Action {
        resources = List.copyOf(resources);
        agentsLeft = List.copyOf(agentsLeft);
    }

    public Action(Kind kind, String instanceId, ResolvedEnvironment environment, List<VmResource> resources,
                  String reason, InstanceRecord record) {
        this(kind, instanceId, environment, resources, reason, record, List.of());
    }

    public enum Kind {
        /** Write a record for a live instance whose tags place it in a managed environment but whose launch was never seen. */
        ADOPT,
        /** Note the first sighting of the instance gone and its agent not online. */
        OBSERVE_GONE,
        /** Forget an earlier sighting: EC2 knows the instance again, or its agent is online. */
        CLEAR_OBSERVATION,
        /** Second sighting, minutes after the first: close the record and delete the VM resource and its agent. */
        REMOVE,
        /** Second sighting, and no VM resource is left: close the record. */
        FINALISE,
        /** The instance runs past the boot grace without a VM resource: report it (nothing is written). */
        REPORT_UNREGISTERED
    }
}
