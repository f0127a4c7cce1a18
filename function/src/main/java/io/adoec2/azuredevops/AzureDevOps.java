package io.adoec2.azuredevops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the lifecycle needs from one Azure DevOps organization. One instance serves one
 * organization; {@link AzureDevOpsException} and its subclasses are the only failures.
 * The REST client implements it; the contract suite pins its behaviour against the simulator.
 */
public interface AzureDevOps {

    /** The project by name (case-insensitive) or id. @throws NotFoundException when it does not exist. */
    ProjectRef project(String nameOrId);

    /** The environment of a project by exact name (case-insensitive). @throws NotFoundException when none. */
    default EnvironmentRef environment(ProjectRef project, String environmentName) {
        return environment(project.id(), environmentName).environment();
    }

    /**
     * The environment by exact name (case-insensitive) in the project of this name or id, with the
     * project's id and name as the environment listing gives them: one call, needing no project
     * scope. @throws NotFoundException when the project or the environment does not exist
     */
    ProjectEnvironment environment(String projectNameOrId, String environmentName);

    /** One page of the environment's VM resources. */
    Page<VmResource> listVmResources(EnvironmentRef environment, VmResourceQuery query);

    /** Every VM resource matching the query, following continuation tokens to the end. */
    default List<VmResource> allVmResources(EnvironmentRef environment, VmResourceQuery query) {
        List<VmResource> all = new ArrayList<>();
        VmResourceQuery next = query;
        while (true) {
            Page<VmResource> page = listVmResources(environment, next);
            all.addAll(page.items());
            if (page.continuationToken().isEmpty()) {
                return all;
            }
            next = next.withContinuationToken(page.continuationToken().get());
        }
    }

    /** One VM resource by id, empty when it does not exist. */
    Optional<VmResource> vmResource(EnvironmentRef environment, int resourceId);

    /** Deletes a VM resource. @return false when it was already gone (404). */
    boolean deleteVmResource(EnvironmentRef environment, int resourceId);

    /** The id of the deployment pool linked to the environment, where the VM resources' agents live. */
    int deploymentPoolId(EnvironmentRef environment);

    /** Every agent of a pool with the job each is running, in one call; empty when the pool does not exist. */
    List<Agent> agents(int poolId);

    /** Agents of a pool with exactly this name (case-insensitive), with their running jobs. */
    List<Agent> agentsNamed(int poolId, String agentName);

    /** Enables or disables an agent, so it takes (or takes no) new job. @return the agent as updated. */
    Agent setAgentEnabled(int poolId, int agentId, boolean enabled);

    /** Deletes an agent from a pool. @return false when it was already gone (404). */
    boolean deleteAgent(int poolId, int agentId);
}
