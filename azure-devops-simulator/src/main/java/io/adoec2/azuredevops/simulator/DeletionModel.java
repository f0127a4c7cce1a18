package io.adoec2.azuredevops.simulator;

/**
 * What deleting one half of a registered VM leaves of the other half. A VM resource and the agent in the
 * environment's hidden deployment pool are two objects; whether the service removes one with the other
 * is not documented.
 *
 * <p>Reports from the agent's users (microsoft/azure-pipelines-agent issues 5174 and 5299) say a VM
 * resource removed from an environment leaves its agent in the deployment pool, where it blocks the name
 * until it is removed under the organization's deployment pools; {@code config.sh remove} of an
 * environment agent deletes only the VM resource (the agent's environment configuration provider). So
 * the simulator's default is {@link #PESSIMISTIC}: a client must remove both halves itself, and a client
 * that does is correct under either model.
 */
public enum DeletionModel {
    /**
     * Vmresource_Delete leaves the pool agent behind; Agents_Delete leaves the VM resource pointing at an
     * agent that no longer exists (shown offline). The default.
     */
    PESSIMISTIC,
    /** Vmresource_Delete removes the pool agent too, and Agents_Delete removes the VM resources on it. */
    OPTIMISTIC;

    boolean resourceDeletionRemovesAgent() {
        return this == OPTIMISTIC;
    }

    boolean agentDeletionRemovesResource() {
        return this == OPTIMISTIC;
    }
}
