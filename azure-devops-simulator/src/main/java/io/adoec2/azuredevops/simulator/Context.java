package io.adoec2.azuredevops.simulator;

import java.util.Map;
import java.util.UUID;

/** One authenticated request on its way through a handler; resolves the route's ids to state. */
record Context(Request request, Map<String, String> parameters, OrgState organization, Identity identity,
        String organizationUrl) {

    int intParameter(String name) {
        String value = parameters.get(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw AdoException.system(400, "ArgumentException",
                    "The value '" + value + "' is not valid for " + name + ": it must be an Int32.");
        }
    }

    DeletionModel deletionModel() {
        return organization.world().deletionModel();
    }

    /** The {project} segment: an id or a name, ignoring case. */
    ProjectState project() {
        return project(parameters.get("project"));
    }

    ProjectState project(String idOrName) {
        return organization.findProject(idOrName).orElseThrow(() -> {
            String message = "TF200016: The following project does not exist: " + idOrName
                    + ". Verify that the name of the project is correct and that the project exists on the"
                    + " specified Azure DevOps Server.";
            return isGuid(idOrName)
                    ? AdoException.core(404, "ProjectDoesNotExistException", message)
                    : AdoException.core(404, "ProjectDoesNotExistWithNameException", message);
        });
    }

    /** The {environmentId} segment, within the {project}. */
    EnvironmentState environment() {
        ProjectState project = project();
        int environmentId = intParameter("environmentId");
        EnvironmentState environment = project.environments.get(environmentId);
        if (environment == null) {
            throw AdoException.distributedTask(404, "EnvironmentNotFoundException",
                    "Environment with id " + environmentId + " does not exist in project " + project.name
                            + ", or you do not have permission to access it.");
        }
        return environment;
    }

    PoolState pool() {
        int poolId = intParameter("poolId");
        PoolState pool = organization.pools.get(poolId);
        if (pool == null) {
            throw AdoException.distributedTask(404, "TaskAgentPoolNotFoundException",
                    "Agent pool " + poolId + " could not be found.");
        }
        return pool;
    }

    AgentState agent() {
        PoolState pool = pool();
        int agentId = intParameter("agentId");
        return pool.agent(agentId).orElseThrow(() -> AdoException.distributedTask(404, "TaskAgentNotFoundException",
                "No agent found in pool " + pool.name + " which has id " + agentId + "."));
    }

    private static boolean isGuid(String value) {
        try {
            UUID.fromString(value);
            return value.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
