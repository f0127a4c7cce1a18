package io.adoec2.azuredevops;

/** An environment and the project it belongs to, as the environment listing names them. */
public record ProjectEnvironment(ProjectRef project, EnvironmentRef environment) {}
