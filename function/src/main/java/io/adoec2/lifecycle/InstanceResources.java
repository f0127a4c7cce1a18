package io.adoec2.lifecycle;

import io.adoec2.azuredevops.Agent;
import io.adoec2.azuredevops.AzureDevOps;
import io.adoec2.azuredevops.EnvironmentRef;
import io.adoec2.azuredevops.VmResource;
import io.adoec2.azuredevops.VmResourceQuery;
import java.util.List;
import java.util.Optional;

/**
 * An instance's objects in Azure DevOps: the VM resource its userdata registered under the
 * instance id, and the deployment-pool agent behind it.
 */
public final class InstanceResources {
    private InstanceResources() {}

    /** The instance's VM resources: by the stored id when known (one call), else by name. */
    static List<VmResource> find(AzureDevOps azureDevOps, EnvironmentRef environment, Optional<Integer> resourceId,
                                 String instanceId) {
        if (resourceId.isPresent()) {
            return azureDevOps.vmResource(environment, resourceId.get()).stream().toList();
        }
        return azureDevOps.allVmResources(environment, VmResourceQuery.named(instanceId)).stream()
                .filter(resource -> resource.name().equalsIgnoreCase(instanceId))
                .toList();
    }

    /**
     * Deletes the VM resource, then its agent in the deployment pool. Whether the service removes
     * one with the other is undocumented, and users report that a removed VM resource leaves its
     * agent behind, blocking the name for ever: so both halves are removed, whichever model holds.
     * The agent is deleted even when the resource was already gone, since an invocation that died
     * between the two deletions leaves exactly that. @return whether the VM resource was there
     */
    public static boolean removeWithAgent(AzureDevOps azureDevOps, EnvironmentRef environment, int resourceId,
                                   InstanceRecord.AgentRef agent) {
        boolean removed = azureDevOps.deleteVmResource(environment, resourceId);
        azureDevOps.deleteAgent(agent.poolId(), agent.agentId());
        return removed;
    }

    /**
     * Deletes every VM resource named after the instance and the agent behind each; when none is
     * left, or one shows no agent, the agents named after the instance that are left in the pool.
     * @return how many VM resources were deleted
     */
    static int remove(AzureDevOps azureDevOps, EnvironmentRef environment, int poolId, String instanceId) {
        List<VmResource> found = find(azureDevOps, environment, Optional.empty(), instanceId);
        int removed = 0;
        boolean agentUnknown = found.isEmpty();
        for (VmResource resource : found) {
            if (resource.agent().isPresent()) {
                if (removeWithAgent(azureDevOps, environment, resource.id(),
                        new InstanceRecord.AgentRef(poolId, resource.agent().get().id()))) {
                    removed++;
                }
            } else {
                agentUnknown = true;
                if (azureDevOps.deleteVmResource(environment, resource.id())) {
                    removed++;
                }
            }
        }
        if (agentUnknown) {
            removeLeftoverAgents(azureDevOps, poolId, instanceId);
        }
        return removed;
    }

    /**
     * Deletes agents named after the instance that are left in the pool without their VM
     * resource (a deleted resource may leave its agent behind, and that agent blocks
     * registering the same name again). @return how many were deleted
     */
    static int removeLeftoverAgents(AzureDevOps azureDevOps, int poolId, String instanceId) {
        int removed = 0;
        for (Agent agent : azureDevOps.agentsNamed(poolId, instanceId)) {
            if (azureDevOps.deleteAgent(poolId, agent.id())) {
                removed++;
            }
        }
        return removed;
    }
}
