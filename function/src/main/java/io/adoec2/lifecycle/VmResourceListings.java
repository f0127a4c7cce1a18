package io.adoec2.lifecycle;

import io.adoec2.azuredevops.AzureDevOps;
import io.adoec2.azuredevops.EnvironmentRef;
import io.adoec2.azuredevops.VmResource;
import io.adoec2.azuredevops.VmResourceQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One paged listing of an environment's VM resources serves every look into that environment
 * for a short while ({@link RecentListings}): a burst of a hundred launches or terminations costs
 * one listing, not a hundred lookups by name.
 */
final class VmResourceListings {
    private final Organizations organizations;
    private final RecentListings<String, Map<String, VmResource>> listings;

    VmResourceListings(Organizations organizations, Clock clock, Duration maxAge) {
        this.organizations = organizations;
        this.listings = new RecentListings<>(clock, maxAge);
    }

    Optional<VmResource> find(OrganizationUrl organization, EnvironmentRef environment, String instanceId) {
        return find(organization, environment, instanceId, Instant.MIN);
    }

    /**
     * The instance's VM resource from a listing taken no earlier than {@code notBefore}, so that
     * its absence means the resource was not there at that moment.
     */
    Optional<VmResource> find(OrganizationUrl organization, EnvironmentRef environment, String instanceId,
                              Instant notBefore) {
        Map<String, VmResource> byName = listings.get(organization + "\n" + environment.id(), notBefore,
                () -> fetch(organizations.organization(organization), environment));
        return Optional.ofNullable(byName.get(instanceId.toLowerCase(Locale.ROOT)));
    }

    private static Map<String, VmResource> fetch(AzureDevOps azureDevOps, EnvironmentRef environment) {
        Map<String, VmResource> byName = new HashMap<>();
        for (VmResource resource : azureDevOps.allVmResources(environment, VmResourceQuery.all())) {
            byName.put(resource.name().toLowerCase(Locale.ROOT), resource);
        }
        return byName;
    }
}
