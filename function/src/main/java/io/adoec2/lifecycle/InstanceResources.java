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
final class InstanceResources {
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
     * Deletes by the stored resource id when the record has it (one call), else every VM
     * resource named after the instance. @return how many were deleted
     */
    static int remove(AzureDevOps azureDevOps, EnvironmentRef environment, Optional<Integer> resourceId,
                      String instanceId) {
        if (resourceId.isPresent()) {
            return azureDevOps.deleteVmResource(environment, resourceId.get()) ? 1 : 0;
        }
        int removed = 0;
        for (VmResource resource : find(azureDevOps, environment, Optional.empty(), instanceId)) {
            if (azureDevOps.deleteVmResource(environment, resource.id())) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * Deletes agents named after the instance that are left in the pool without their VM
     * resource (a resource deleted in the web UI leaves its agent behind, and that agent blocks
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
