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
import java.util.concurrent.ConcurrentHashMap;

/**
 * One paged listing of an environment's VM resources serves every launch check in that
 * environment for a short while: a burst of a hundred launches costs one listing per look, not
 * a hundred lookups.
 */
final class VmResourceListings {
    private record Listing(Instant fetchedAt, Map<String, VmResource> byName) {}

    private final Organizations organizations;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<String, Listing> listings = new ConcurrentHashMap<>();

    VmResourceListings(Organizations organizations, Clock clock, Duration maxAge) {
        this.organizations = organizations;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    Optional<VmResource> find(OrganizationUrl organization, EnvironmentRef environment, String instanceId) {
        String key = organization + "\n" + environment.id();
        Instant now = clock.instant();
        Listing listing = listings.get(key);
        if (listing == null || !listing.fetchedAt().plus(maxAge).isAfter(now)) {
            listing = fetch(organizations.organization(organization), environment, now);
            listings.put(key, listing);
        }
        return Optional.ofNullable(listing.byName().get(instanceId.toLowerCase(Locale.ROOT)));
    }

    private static Listing fetch(AzureDevOps azureDevOps, EnvironmentRef environment, Instant now) {
        Map<String, VmResource> byName = new HashMap<>();
        for (VmResource resource : azureDevOps.allVmResources(environment, VmResourceQuery.all())) {
            byName.put(resource.name().toLowerCase(Locale.ROOT), resource);
        }
        return new Listing(now, byName);
    }
}
