package io.adoec2.azuredevops.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The agent listener's sessions in its pool (TaskResourceIds.AgentSessions; CreateAgentSessionAsync
 * and DeleteAgentSessionAsync in actions/runner 258d6c85 src/Sdk/DTGenerated, sent at 5.1-preview.1;
 * MessageListener.CreateSessionAsync in microsoft/azure-pipelines-agent 42bde98). An agent is online
 * exactly while its session is open; a second session for the same agent is refused with
 * TaskAgentSessionConflictException, a session for an agent the pool no longer has with
 * TaskAgentNotFoundException (the listener then stops: "MissingAgent"). The message long-poll is not
 * served: nothing here sends jobs through it.
 */
final class SessionsApi {

    private SessionsApi() {
    }

    static void register(Router router) {
        String base = "{organization}/_apis/distributedtask/pools/{poolId}/sessions";
        router.add("POST", base, Operations.SESSIONS_CREATE, false, SessionsApi::create)
                .add("DELETE", base + "/{sessionId}", Operations.SESSIONS_DELETE, false, SessionsApi::delete);
    }

    private static Response create(Context context) {
        PoolState pool = context.pool();
        JsonNode session = Json.readObject(context.request().body(), "session");
        JsonNode agentId = session.path("agent").get("id");
        if (agentId == null || !agentId.canConvertToInt()) {
            throw AdoException.system(400, "ArgumentNullException", "Value cannot be null.\r\nParameter name: session.Agent");
        }
        AgentState agent = pool.agent(agentId.intValue()).orElseThrow(() -> AdoException.distributedTask(404,
                "TaskAgentNotFoundException", "No agent found in pool " + pool.name + " which has id "
                        + agentId.intValue() + "."));
        if (agent.sessionId != null) {
            throw AdoException.distributedTask(409, "TaskAgentSessionConflictException",
                    "A session for agent " + agent.name + " already exists.");
        }
        agent.openSession(context.organization().world().newGuid(), context.organization().world().now());
        ObjectNode body = Json.object();
        body.put("sessionId", agent.sessionId);
        body.put("ownerName", session.path("ownerName").asText(""));
        ObjectNode reference = body.putObject("agent");
        reference.put("id", agent.id);
        reference.put("name", agent.name);
        reference.put("version", agent.version);
        reference.put("osDescription", agent.osDescription);
        reference.put("enabled", agent.enabled);
        reference.put("status", "online");
        return Response.json(body);
    }

    private static Response delete(Context context) {
        PoolState pool = context.pool();
        String sessionId = context.parameters().get("sessionId");
        AgentState agent = pool.agents().stream().filter(each -> sessionId.equalsIgnoreCase(each.sessionId))
                .findFirst().orElseThrow(() -> AdoException.distributedTask(404, "TaskAgentSessionExpiredException",
                        "The session " + sessionId + " has expired or does not exist."));
        agent.closeSession(context.organization().world().now());
        return Response.empty(204);
    }
}
