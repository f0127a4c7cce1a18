package io.adoec2.lifecycle;

import io.adoec2.azuredevops.EnvironmentRef;
import io.adoec2.azuredevops.ProjectEnvironment;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns project and environment names into ids, once per container: ids never change, and a
 * burst of launches into one environment should cost Azure DevOps nothing after the first.
 * Misses are not cached, so an environment created after a failed lookup is found next time.
 */
public final class EnvironmentResolver {
    private final Organizations organizations;
    private final Map<String, ResolvedEnvironment> cache = new ConcurrentHashMap<>();
    private final Map<String, Integer> poolIds = new ConcurrentHashMap<>();

    public EnvironmentResolver(Organizations organizations) {
        this.organizations = organizations;
    }

    /** @throws io.adoec2.azuredevops.NotFoundException when the project or environment does not exist */
    public ResolvedEnvironment resolve(Placement placement) {
        String key = placement.organization() + "\n" + placement.project().toLowerCase(Locale.ROOT)
                + "\n" + placement.environment().toLowerCase(Locale.ROOT);
        ResolvedEnvironment known = cache.get(key);
        if (known != null) {
            return known;
        }
        ProjectEnvironment found = organizations.organization(placement.organization())
                .environment(placement.project(), placement.environment());
        ResolvedEnvironment resolved = new ResolvedEnvironment(placement.organization(), found.project(),
                found.environment());
        cache.put(key, resolved);
        return resolved;
    }

    /** The id of the deployment pool linked to an environment, where its VM resources' agents live. */
    public int poolId(OrganizationUrl organization, EnvironmentRef environment) {
        String key = organization + "\n" + environment.id();
        Integer known = poolIds.get(key);
        if (known != null) {
            return known;
        }
        int poolId = organizations.organization(organization).deploymentPoolId(environment);
        poolIds.put(key, poolId);
        return poolId;
    }
}
