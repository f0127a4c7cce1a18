package io.adoec2.azuredevops.simulator;

/** What a registering agent says about itself (the TaskAgent inside a VM resource body). */
record AgentSpec(String name, String version, String osDescription, int maxParallelism) {

    static AgentSpec defaultFor(String name) {
        return new AgentSpec(name, "4.264.2", "Linux 6.1.0-1 #1 SMP x86_64", 1);
    }
}
