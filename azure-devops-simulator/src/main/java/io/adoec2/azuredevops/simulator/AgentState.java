package io.adoec2.azuredevops.simulator;

import java.time.Instant;

/** One agent in a deployment pool. Mutated only under the world lock. */
final class AgentState {

    final int id;
    final String name;
    final Instant createdOn;
    String version;
    String osDescription;
    int maxParallelism;
    boolean enabled = true;
    boolean online = true;
    Instant statusChangedOn;
    JobRequest assignedRequest;
    JobRequest lastCompletedRequest;

    AgentState(int id, AgentSpec spec, Instant now) {
        this.id = id;
        this.name = spec.name();
        this.createdOn = now;
        this.statusChangedOn = now;
        describe(spec);
    }

    void describe(AgentSpec spec) {
        this.version = spec.version();
        this.osDescription = spec.osDescription();
        this.maxParallelism = spec.maxParallelism();
    }

    void setOnline(boolean value, Instant now) {
        if (online != value) {
            online = value;
            statusChangedOn = now;
        }
    }

    boolean busy() {
        return assignedRequest != null;
    }

    SimAgent snapshot() {
        return new SimAgent(id, name, online, enabled, busy());
    }
}
