package io.adoec2.azuredevops.simulator;

import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

/**
 * One agent in a deployment pool. Mutated only under the world lock. It is offline until its listener
 * opens a session ({@code Sessions_Create}), as on Azure DevOps: registering alone never makes it online.
 */
final class AgentState {

    final int id;
    final String name;
    final Instant createdOn;
    /** The OAuth client id the service hands the agent (agent.authorization.clientId). */
    final String clientId;
    String version;
    String osDescription;
    int maxParallelism;
    /** The key its client assertions must be signed with; null when it registered none. */
    RSAPublicKey publicKey;
    boolean enabled = true;
    boolean online;
    /** The listener's open session, or null. */
    String sessionId;
    Instant statusChangedOn;
    JobRequest assignedRequest;
    JobRequest lastCompletedRequest;

    AgentState(int id, AgentSpec spec, String clientId, Instant now) {
        this.id = id;
        this.clientId = clientId;
        this.name = spec.name();
        this.createdOn = now;
        this.statusChangedOn = now;
        describe(spec);
    }

    void describe(AgentSpec spec) {
        this.version = spec.version();
        this.osDescription = spec.osDescription();
        this.maxParallelism = spec.maxParallelism();
        if (spec.publicKey() != null) {
            this.publicKey = spec.publicKey();
        }
    }

    void openSession(String newSessionId, Instant now) {
        sessionId = newSessionId;
        setOnline(true, now);
    }

    void closeSession(Instant now) {
        sessionId = null;
        setOnline(false, now);
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
