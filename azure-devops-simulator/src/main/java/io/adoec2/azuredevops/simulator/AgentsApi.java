package io.adoec2.azuredevops.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Agents_List, Agents_Get, Agents_Update and Agents_Delete on the organization's pools (released in 7.1). */
final class AgentsApi {

    private AgentsApi() {
    }

    static void register(Router router) {
        String base = "{organization}/_apis/distributedtask/pools/{poolId}/agents";
        router.add("GET", base, Operations.AGENTS_LIST, false, AgentsApi::list)
                .add("GET", base + "/{agentId}", Operations.AGENTS_GET, false, AgentsApi::get)
                .add("PATCH", base + "/{agentId}", Operations.AGENTS_UPDATE, false, AgentsApi::update)
                .add("DELETE", base + "/{agentId}", Operations.AGENTS_DELETE, false, AgentsApi::delete);
    }

    private static JsonViews.AgentDetail detail(Request request) {
        return new JsonViews.AgentDetail(request.flag("includeCapabilities"), request.flag("includeAssignedRequest"),
                request.flag("includeLastCompletedRequest"));
    }

    private static Response list(Context context) {
        PoolState pool = context.pool();
        String name = context.request().query("agentName").orElse(null);
        JsonViews.AgentDetail detail = detail(context.request());
        List<AgentState> agents = pool.agents().stream()
                .filter(agent -> name == null || agent.name.equalsIgnoreCase(name.strip()))
                .toList();
        return Response.json(JsonViews.list(agents.stream().map(agent -> JsonViews.agent(agent, detail)).toList()));
    }

    private static Response get(Context context) {
        return Response.json(JsonViews.agent(context.agent(), detail(context.request())));
    }

    /** Only "enabled" is honoured: it is what disabling an agent before draining it needs. */
    private static Response update(Context context) {
        AgentState agent = context.agent();
        JsonNode body = Json.readObject(context.request().body(), "agent");
        JsonNode enabled = body.get("enabled");
        if (enabled != null && !enabled.isNull()) {
            if (!enabled.isBoolean()) {
                throw AdoException.system(400, "ArgumentException", "enabled must be true or false, was " + enabled);
            }
            agent.enabled = enabled.booleanValue();
        }
        return Response.json(JsonViews.agent(agent, JsonViews.AgentDetail.NONE));
    }

    /**
     * Removes the agent from its pool; what becomes of a VM resource on it is the {@link DeletionModel}'s
     * choice. A busy agent is deleted as well: refusing would hide a client that fails to drain before
     * deleting.
     */
    private static Response delete(Context context) {
        PoolState pool = context.pool();
        AgentState agent = context.agent();
        pool.remove(agent);
        for (ProjectState project : context.organization().projects.values()) {
            for (EnvironmentState environment : project.environments.values()) {
                if (environment.pool == pool) {
                    environment.agentDeleted(agent, context.deletionModel().agentDeletionRemovesResource());
                }
            }
        }
        return Response.empty(204);
    }
}
