package io.adoec2.azuredevops.simulator;

import java.time.Instant;
import java.util.List;

/** One VM resource of an environment, pointing at its agent in the environment's pool. */
final class VmResourceState {

    final int id;
    final String name;
    final Identity createdBy;
    final Instant createdOn;
    List<String> tags;
    Identity lastModifiedBy;
    Instant lastModifiedOn;
    AgentState agent;

    VmResourceState(int id, String name, List<String> tags, AgentState agent, Identity by, Instant now) {
        this.id = id;
        this.name = name;
        this.tags = tags;
        this.agent = agent;
        this.createdBy = by;
        this.createdOn = now;
        this.lastModifiedBy = by;
        this.lastModifiedOn = now;
    }

    void modified(Identity by, Instant now) {
        lastModifiedBy = by;
        lastModifiedOn = now;
    }

    SimVm snapshot() {
        return new SimVm(id, name, tags, agent.id, agent.online, agent.enabled, agent.busy());
    }
}
