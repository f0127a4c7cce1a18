package io.adoec2.azuredevops.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;

/**
 * The JSON shapes of the spec's definitions, built from the state. Only fields the spec declares are
 * written (the conformance test checks every one); optional ones Azure DevOps omits by default stay out.
 * Call under the world lock.
 */
final class JsonViews {

    private JsonViews() {
    }

    static ObjectNode list(Collection<ObjectNode> items) {
        ObjectNode list = Json.object();
        list.put("count", items.size());
        ArrayNode value = list.putArray("value");
        items.forEach(value::add);
        return list;
    }

    /** IdentityRef. */
    static ObjectNode identity(Identity identity) {
        ObjectNode node = Json.object();
        node.put("displayName", identity.displayName());
        node.put("id", identity.id());
        node.put("uniqueName", identity.uniqueName());
        node.put("descriptor", identity.descriptor());
        return node;
    }

    /** TeamProjectReference. */
    static ObjectNode projectReference(ProjectState project, String organizationUrl) {
        ObjectNode node = Json.object();
        node.put("id", project.id);
        node.put("name", project.name);
        node.put("url", organizationUrl + "/_apis/projects/" + project.id);
        node.put("state", "wellFormed");
        node.put("revision", 1);
        node.put("visibility", "private");
        node.put("lastUpdateTime", Json.text(project.lastUpdateTime));
        return node;
    }

    /** TeamProject. */
    static ObjectNode project(ProjectState project, String organizationUrl, boolean includeCapabilities) {
        ObjectNode node = projectReference(project, organizationUrl);
        if (includeCapabilities) {
            ObjectNode capabilities = node.putObject("capabilities");
            capabilities.putObject("versioncontrol").put("sourceControlType", "Git");
            capabilities.putObject("processTemplate").put("templateName", "Agile");
        }
        ObjectNode team = node.putObject("defaultTeam");
        team.put("id", project.defaultTeamId);
        team.put("name", project.name + " Team");
        team.put("url", organizationUrl + "/_apis/projects/" + project.id + "/teams/" + project.defaultTeamId);
        return node;
    }

    /** EnvironmentInstance. */
    static ObjectNode environment(EnvironmentState environment, boolean withResources) {
        ObjectNode node = Json.object();
        node.put("id", environment.id);
        node.put("name", environment.name);
        node.put("description", environment.description);
        node.set("createdBy", identity(environment.createdBy));
        node.put("createdOn", Json.text(environment.createdOn));
        node.set("lastModifiedBy", identity(environment.lastModifiedBy));
        node.put("lastModifiedOn", Json.text(environment.lastModifiedOn));
        ObjectNode project = node.putObject("project");
        project.put("id", environment.project.id);
        project.put("name", environment.project.name);
        if (withResources) {
            ArrayNode resources = node.putArray("resources");
            for (VmResourceState resource : environment.resources()) {
                ObjectNode reference = resources.addObject();
                reference.put("id", resource.id);
                reference.put("name", resource.name);
                reference.put("type", "virtualMachine");
                tags(reference, resource.tags);
            }
        }
        return node;
    }

    /** VirtualMachineResource. */
    static ObjectNode vmResource(VmResourceState resource, EnvironmentState environment) {
        ObjectNode node = Json.object();
        node.put("id", resource.id);
        node.put("name", resource.name);
        node.put("type", "virtualMachine");
        tags(node, resource.tags);
        node.set("createdBy", identity(resource.createdBy));
        node.put("createdOn", Json.text(resource.createdOn));
        node.set("lastModifiedBy", identity(resource.lastModifiedBy));
        node.put("lastModifiedOn", Json.text(resource.lastModifiedOn));
        ObjectNode reference = node.putObject("environmentReference");
        reference.put("id", environment.id);
        reference.put("name", environment.name);
        ObjectNode agent = agent(resource.agent, AgentDetail.NONE);
        if (environment.project.organization.world().agentStatusOmitted()) {
            agent.remove("status");
        }
        node.set("agent", agent);
        return node;
    }

    /** What Agents_Get and Agents_List add to the agent on request. */
    record AgentDetail(boolean capabilities, boolean assignedRequest, boolean lastCompletedRequest) {
        static final AgentDetail NONE = new AgentDetail(false, false, false);
    }

    /** TaskAgent. */
    static ObjectNode agent(AgentState agent, AgentDetail detail) {
        ObjectNode node = agentReference(agent);
        node.put("createdOn", Json.text(agent.createdOn));
        node.put("statusChangedOn", Json.text(agent.statusChangedOn));
        node.put("maxParallelism", agent.maxParallelism);
        if (detail.capabilities()) {
            ObjectNode system = node.putObject("systemCapabilities");
            system.put("Agent.Name", agent.name);
            system.put("Agent.Version", agent.version);
            system.put("Agent.OSDescription", agent.osDescription);
            node.putObject("userCapabilities");
        }
        if (detail.assignedRequest() && agent.assignedRequest != null) {
            node.set("assignedRequest", jobRequest(agent.assignedRequest, agent));
        }
        if (detail.lastCompletedRequest() && agent.lastCompletedRequest != null) {
            node.set("lastCompletedRequest", jobRequest(agent.lastCompletedRequest, agent));
        }
        return node;
    }

    /** TaskAgentReference. */
    private static ObjectNode agentReference(AgentState agent) {
        ObjectNode node = Json.object();
        node.put("id", agent.id);
        node.put("name", agent.name);
        node.put("version", agent.version);
        node.put("osDescription", agent.osDescription);
        node.put("enabled", agent.enabled);
        node.put("status", agent.online ? "online" : "offline");
        node.put("provisioningState", "Provisioned");
        return node;
    }

    /** TaskAgentJobRequest. */
    static ObjectNode jobRequest(JobRequest request, AgentState agent) {
        ObjectNode node = Json.object();
        node.put("requestId", request.requestId());
        node.put("queueTime", Json.text(request.queueTime()));
        node.put("assignTime", Json.text(request.assignTime()));
        node.put("receiveTime", Json.text(request.receiveTime()));
        if (request.finishTime() != null) {
            node.put("finishTime", Json.text(request.finishTime()));
            node.put("result", request.result());
        }
        node.put("planType", "Build");
        node.put("planId", request.planId());
        node.put("jobId", request.jobId());
        node.put("jobName", request.jobName());
        node.put("poolId", request.poolId());
        node.set("reservedAgent", agentReference(agent));
        ObjectNode definition = node.putObject("definition");
        definition.put("id", 1);
        definition.put("name", request.jobName());
        return node;
    }

    /** TaskAgentPoolReference of an environment's deployment pool. */
    static ObjectNode pool(PoolState pool, String scope) {
        ObjectNode node = Json.object();
        node.put("id", pool.id);
        node.put("scope", scope);
        node.put("name", pool.name);
        node.put("isHosted", false);
        node.put("poolType", "deployment");
        node.put("size", pool.size());
        node.put("isLegacy", false);
        node.put("options", "none");
        return node;
    }

    private static void tags(ObjectNode node, List<String> tags) {
        ArrayNode array = node.putArray("tags");
        tags.forEach(array::add);
    }
}
