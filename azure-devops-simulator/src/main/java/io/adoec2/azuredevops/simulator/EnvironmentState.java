package io.adoec2.azuredevops.simulator;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One environment: its VM resources and the deployment pool holding their agents. Every method runs
 * under the world lock; the rules here are shared by the REST handlers and the control API, so a
 * seeded VM and one the agent registers are indistinguishable.
 */
final class EnvironmentState {

    final ProjectState project;
    final int id;
    final String name;
    final String description;
    final PoolState pool;
    final Identity createdBy;
    final Instant createdOn;
    Identity lastModifiedBy;
    Instant lastModifiedOn;
    /** In id order, which is also creation order: the order the list API pages through. */
    private final Map<Integer, VmResourceState> resources = new LinkedHashMap<>();
    private final Map<String, VmResourceState> resourcesByName = new HashMap<>();

    EnvironmentState(ProjectState project, int id, String name, String description, PoolState pool, Identity by,
            Instant now) {
        this.project = project;
        this.id = id;
        this.name = name;
        this.description = description;
        this.pool = pool;
        this.createdBy = by;
        this.createdOn = now;
        this.lastModifiedBy = by;
        this.lastModifiedOn = now;
    }

    private OrgState organization() {
        return project.organization;
    }

    private Instant now() {
        return organization().world().now();
    }

    Collection<VmResourceState> resources() {
        return Collections.unmodifiableCollection(resources.values());
    }

    /** Resource names are unique in an environment, ignoring case. */
    Optional<VmResourceState> resourceNamed(String resourceName) {
        return Optional.ofNullable(resourcesByName.get(Names.key(resourceName)));
    }

    VmResourceState resource(int resourceId) {
        VmResourceState resource = resources.get(resourceId);
        if (resource == null) {
            throw AdoException.distributedTask(404, "EnvironmentResourceNotFoundException",
                    "Environment resource with id " + resourceId + " does not exist in environment " + id + ".");
        }
        return resource;
    }

    /**
     * Vmresource_Add. The agent goes into the environment's pool first; a pool agent with the same name
     * (including one left behind by a resource deleted in the UI) blocks the add, with the error the
     * agent's users report ("Pool ... already contains an agent with name ...").
     */
    VmResourceState addVm(String resourceName, List<String> tags, AgentSpec agentSpec, Identity by) {
        requireName(resourceName);
        if (pool.agentNamed(agentSpec.name()).isPresent()) {
            throw AdoException.distributedTask(409, "TaskAgentExistsException",
                    "Pool " + pool.name + " already contains an agent with name " + agentSpec.name() + ".");
        }
        if (resourceNamed(resourceName).isPresent()) {
            throw AdoException.distributedTask(409, "EnvironmentResourceExistsException",
                    "Environment resource with name " + resourceName + " already exists in environment " + id
                            + ".");
        }
        Instant now = now();
        AgentState agent = new AgentState(organization().nextAgentId(), agentSpec, organization().world().newGuid(),
                now);
        pool.add(agent);
        VmResourceState resource = new VmResourceState(organization().nextResourceId(), resourceName,
                Tags.normalize(tags), agent, by, now);
        resources.put(resource.id, resource);
        resourcesByName.put(Names.key(resource.name), resource);
        return resource;
    }

    /** Vmresource_Replace (what the agent's --replace sends): same resource and agent id, new agent details and tags. */
    VmResourceState replaceVm(int resourceId, List<String> tags, AgentSpec agentSpec, Identity by) {
        VmResourceState resource = resource(resourceId);
        resource.agent.describe(agentSpec);
        resource.tags = Tags.normalize(tags);
        resource.modified(by, now());
        return resource;
    }

    /** Vmresource_Update: only the tags change. */
    VmResourceState updateTags(int resourceId, List<String> tags, Identity by) {
        VmResourceState resource = resource(resourceId);
        resource.tags = Tags.normalize(tags);
        resource.modified(by, now());
        return resource;
    }

    /**
     * Removes a VM resource; whether its pool agent goes too is the {@link DeletionModel}'s choice
     * (deleting in the web UI always leaves it, as users report: microsoft/azure-pipelines-agent issues
     * 5174, 5299). A left agent is hidden from the environment and its APIs and blocks re-registering
     * its name.
     */
    void deleteVm(int resourceId, boolean removeAgent) {
        VmResourceState resource = resource(resourceId);
        remove(resource);
        if (removeAgent) {
            pool.remove(resource.agent);
        }
    }

    /**
     * After Agents_Delete: with {@code removeResources} the VM resources on the agent go too; otherwise
     * they stay, pointing at an agent that no longer exists and never comes online again.
     */
    void agentDeleted(AgentState agent, boolean removeResources) {
        List<VmResourceState> on = resources.values().stream().filter(resource -> resource.agent == agent).toList();
        if (removeResources) {
            on.forEach(this::remove);
        } else {
            agent.setOnline(false, now());
        }
    }

    private void remove(VmResourceState resource) {
        resources.remove(resource.id);
        resourcesByName.remove(Names.key(resource.name));
    }

    static void requireName(String resourceName) {
        if (resourceName == null || resourceName.isBlank()) {
            throw AdoException.system(400, "ArgumentNullException",
                    "Value cannot be null.\r\nParameter name: virtualMachineResource.Name");
        }
    }
}
