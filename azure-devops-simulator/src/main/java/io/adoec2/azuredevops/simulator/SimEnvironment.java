package io.adoec2.azuredevops.simulator;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Control handle on one environment: seeds VM resources as the agent registers them, and plays the
 * parts of Azure DevOps no REST client drives (agents going offline, jobs, the web UI). Thread-safe.
 */
public final class SimEnvironment {

    private final World world;
    private final EnvironmentState state;

    SimEnvironment(World world, EnvironmentState state) {
        this.world = world;
        this.state = state;
    }

    public int id() {
        return state.id;
    }

    public String name() {
        return state.name;
    }

    /** The id of the deployment pool that holds this environment's agents (what Pool_Get returns). */
    public int poolId() {
        return state.pool.id;
    }

    /**
     * A VM whose userdata finished: registered as the agent's {@code config.sh --environment} does
     * (Vmresource_Add: the pool agent, enabled, and the VM resource) and its agent service started, so
     * online. Fails like the REST call when the name is taken.
     */
    public SimVm registerVm(String name, List<String> tags) {
        return register(name, tags, true);
    }

    /**
     * A VM registered by {@code config.sh} whose agent service has not started yet: offline until
     * {@link #setAgentOnline} (its listener's session) says otherwise.
     */
    public SimVm configureVm(String name, List<String> tags) {
        return register(name, tags, false);
    }

    private SimVm register(String name, List<String> tags, boolean serviceStarted) {
        SimOrganization.requireName(name, "VM resource");
        Objects.requireNonNull(tags, "tags");
        return controlled(() -> {
            VmResourceState resource = state.addVm(name, tags, AgentSpec.defaultFor(name),
                    state.project.organization.owner);
            resource.agent.setOnline(serviceStarted, world.now());
            return resource.snapshot();
        });
    }

    /** The VM resources now, in id order. */
    public List<SimVm> vms() {
        return world.locked(() -> state.resources().stream().map(VmResourceState::snapshot).toList());
    }

    public Optional<SimVm> vm(String name) {
        return world.locked(() -> state.resourceNamed(name).map(VmResourceState::snapshot));
    }

    /** The agent's session starts (online) or ends (offline), as when its VM boots or stops. */
    public void setAgentOnline(int resourceId, boolean online) {
        controlled(() -> state.resource(resourceId).agent.setOnline(online, world.now()));
    }

    /** Assigns a job to the resource's agent; false when the agent is disabled, offline or already busy. */
    public boolean startJob(int resourceId, String jobName) {
        Objects.requireNonNull(jobName, "jobName");
        return controlled(() -> {
            AgentState agent = state.resource(resourceId).agent;
            if (!agent.enabled || !agent.online || agent.busy()) {
                return false;
            }
            var now = world.now();
            agent.assignedRequest = new JobRequest(state.project.organization.nextRequestId(), jobName,
                    state.pool.id, world.newGuid(), world.newGuid(), now, now, now, null, null);
            return true;
        });
    }

    /** Completes the job the resource's agent runs, if any. */
    public void finishJob(int resourceId) {
        controlled(() -> {
            AgentState agent = state.resource(resourceId).agent;
            if (agent.assignedRequest != null) {
                agent.lastCompletedRequest = agent.assignedRequest.finished(world.now());
                agent.assignedRequest = null;
            }
        });
    }

    /** What deleting the resource in the web UI does: the resource goes, its agent stays in the pool. */
    public void deleteVmResourceLikeTheUi(int resourceId) {
        controlled(() -> state.deleteVm(resourceId, false));
    }

    /** Every agent in the environment's pool, including ones no VM resource points at any more. */
    public List<SimAgent> poolAgents() {
        return world.locked(() -> state.pool.agents().stream().map(AgentState::snapshot).toList());
    }

    /**
     * Runs a state change under the lock, reporting Azure DevOps' refusal as the plain Java exception a
     * test expects: a missing resource as NoSuchElementException, a name conflict as IllegalStateException.
     */
    private <T> T controlled(Supplier<T> action) {
        try {
            return world.locked(action);
        } catch (AdoException e) {
            throw switch (e.status()) {
                case 404 -> new NoSuchElementException(e.getMessage());
                case 409 -> new IllegalStateException(e.getMessage());
                default -> new IllegalArgumentException(e.getMessage());
            };
        }
    }

    private void controlled(Runnable action) {
        controlled(() -> {
            action.run();
            return null;
        });
    }

    @Override
    public String toString() {
        return "SimEnvironment[" + state.name + " " + state.id + "]";
    }
}
