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
 * One paged listing of an environment's VM resources serves every look into that environment
 * for a short while: a burst of a hundred launches or terminations costs one listing, not a
 * hundred lookups by name.
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
        return find(organization, environment, instanceId, Instant.MIN);
    }

    /**
     * The instance's VM resource from a listing taken no earlier than {@code notBefore}, so that
     * its absence means the resource was not there at that moment.
     */
    Optional<VmResource> find(OrganizationUrl organization, EnvironmentRef environment, String instanceId,
                              Instant notBefore) {
        String key = organization + "\n" + environment.id();
        Instant now = clock.instant();
        Listing listing = listings.get(key);
        if (listing == null || !listing.fetchedAt().plus(maxAge).isAfter(now)
                || listing.fetchedAt().isBefore(notBefore)) {
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
