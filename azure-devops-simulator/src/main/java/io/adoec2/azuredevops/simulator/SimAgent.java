package io.adoec2.azuredevops.simulator;

/** A snapshot of one agent in an environment's deployment pool. */
public record SimAgent(int id, String name, boolean online, boolean enabled, boolean busy) {
}
