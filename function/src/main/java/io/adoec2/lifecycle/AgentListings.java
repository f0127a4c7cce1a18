package io.adoec2.lifecycle;

import io.adoec2.azuredevops.Agent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One listing of a deployment pool's agents, with the job each runs, serves the look at every
 * draining agent of that pool for a short while: a scale-in of a hundred instances costs a few
 * listings, not a hundred agent lookups. Only a listing taken after an agent was disabled may
 * say it is idle; one taken before could miss a job assigned in between.
 */
final class AgentListings {
    /**
     * The disable time comes from the record, stamped by whichever container disabled the agent;
     * this margin covers two containers' clocks disagreeing.
     */
    static final Duration CLOCK_MARGIN = Duration.ofSeconds(1);

    private record Listing(Instant takenAt, Map<Integer, Agent> byId) {}

    private final Organizations organizations;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<String, Listing> listings = new ConcurrentHashMap<>();

    AgentListings(Organizations organizations, Clock clock, Duration maxAge) {
        this.organizations = organizations;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /**
     * The agent as a listing of its pool taken after {@code disabledAt} shows it, with its running
     * job; empty when the pool no longer holds it.
     */
    Optional<Agent> find(OrganizationUrl organization, InstanceRecord.AgentRef agent, Instant disabledAt) {
        String key = organization + "\n" + agent.poolId();
        Instant now = clock.instant();
        Listing listing = listings.get(key);
        if (listing == null || !listing.takenAt().plus(maxAge).isAfter(now)
                || listing.takenAt().isBefore(disabledAt.plus(CLOCK_MARGIN))) {
            // Taken now, after the record that says the agent is disabled was read: after the disable.
            listing = fetch(organization, agent.poolId(), now);
            listings.put(key, listing);
        }
        return Optional.ofNullable(listing.byId().get(agent.agentId()));
    }

    /**
     * The agent as a listing of its pool no older than the listings' age limit shows it: what
     * settles the status of an agent a VM resource listing showed without one.
     */
    Optional<Agent> find(OrganizationUrl organization, InstanceRecord.AgentRef agent) {
        return find(organization, agent, Instant.MIN);
    }

    private Listing fetch(OrganizationUrl organization, int poolId, Instant now) {
        Map<Integer, Agent> byId = new HashMap<>();
        for (Agent agent : organizations.organization(organization).agents(poolId)) {
            byId.put(agent.id(), agent);
        }
        return new Listing(now, byId);
    }
}
