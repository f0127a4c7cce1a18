package io.adoec2.azuredevops.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The deployment pool Azure DevOps links to every environment; it holds the environment's agents. */
final class PoolState {

    final int id;
    final String name;
    final Map<Integer, AgentState> agents = new LinkedHashMap<>();

    PoolState(int id, String name) {
        this.id = id;
        this.name = name;
    }

    Optional<AgentState> agentNamed(String name) {
        return agents.values().stream().filter(agent -> agent.name.equalsIgnoreCase(name)).findFirst();
    }
}
