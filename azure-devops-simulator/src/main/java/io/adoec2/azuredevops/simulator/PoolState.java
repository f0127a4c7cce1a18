package io.adoec2.azuredevops.simulator;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The deployment pool Azure DevOps links to every environment; it holds the environment's agents. */
final class PoolState {

    final int id;
    final String name;
    private final Map<Integer, AgentState> agents = new LinkedHashMap<>();
    private final Map<String, AgentState> agentsByName = new HashMap<>();

    PoolState(int id, String name) {
        this.id = id;
        this.name = name;
    }

    Collection<AgentState> agents() {
        return Collections.unmodifiableCollection(agents.values());
    }

    Optional<AgentState> agent(int agentId) {
        return Optional.ofNullable(agents.get(agentId));
    }

    /** Agent names are unique in a pool, ignoring case. */
    Optional<AgentState> agentNamed(String agentName) {
        return Optional.ofNullable(agentsByName.get(Names.key(agentName)));
    }

    void add(AgentState agent) {
        agents.put(agent.id, agent);
        agentsByName.put(Names.key(agent.name), agent);
    }

    void remove(AgentState agent) {
        agents.remove(agent.id);
        agentsByName.remove(Names.key(agent.name));
    }

    int size() {
        return agents.size();
    }
}
