package io.adoec2.azuredevops.simulator;

/** Control handle on one project. Thread-safe. */
public final class SimProject {

    private final World world;
    private final ProjectState state;

    SimProject(World world, ProjectState state) {
        this.world = world;
        this.state = state;
    }

    /** The project's GUID, as the {project} route segment accepts it. */
    public String id() {
        return state.id;
    }

    public String name() {
        return state.name;
    }

    /** The environment with this name (ignoring case), created if missing, as Environments_Add would. */
    public SimEnvironment environment(String name) {
        SimOrganization.requireName(name, "environment");
        return world.locked(() -> new SimEnvironment(world, state.environmentNamed(name)
                .orElseGet(() -> state.addEnvironment(name, "", state.organization.owner))));
    }

    @Override
    public String toString() {
        return "SimProject[" + state.name + " " + state.id + "]";
    }
}
