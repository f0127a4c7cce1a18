package io.adoec2.azuredevops;

/** An environment of a project: its integer id and name, and the project id it belongs to. */
public record EnvironmentRef(String projectId, int id, String name) {}
