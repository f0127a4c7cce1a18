package io.adoec2.azuredevops.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One project and its environments. */
final class ProjectState {

    final OrgState organization;
    final String id;
    final String name;
    final String defaultTeamId;
    final Instant lastUpdateTime;
    final Map<Integer, EnvironmentState> environments = new LinkedHashMap<>();

    ProjectState(OrgState organization, String id, String name, Instant lastUpdateTime) {
        this.organization = organization;
        this.id = id;
        this.name = name;
        this.defaultTeamId = organization.world().newGuid();
        this.lastUpdateTime = lastUpdateTime;
    }

    Optional<EnvironmentState> environmentNamed(String environmentName) {
        return environments.values().stream().filter(e -> e.name.equalsIgnoreCase(environmentName)).findFirst();
    }

    /** Environments_Add: names are unique in a project, ignoring case. */
    EnvironmentState addEnvironment(String environmentName, String description, Identity by) {
        if (environmentName == null || environmentName.isBlank()) {
            throw AdoException.system(400, "ArgumentNullException",
                    "Value cannot be null.\r\nParameter name: environment.Name");
        }
        String trimmed = environmentName.strip();
        if (environmentNamed(trimmed).isPresent()) {
            throw AdoException.distributedTask(409, "EnvironmentExistsException",
                    "Environment with name '" + trimmed + "' already exists.");
        }
        int environmentId = organization.nextEnvironmentId();
        PoolState pool = organization.newPool("environment-" + environmentId + "-" + id);
        EnvironmentState environment = new EnvironmentState(this, environmentId, trimmed,
                description == null ? "" : description, pool, by, organization.world().now());
        environments.put(environment.id, environment);
        return environment;
    }
}
