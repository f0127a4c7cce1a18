package io.adoec2.lifecycle;

import io.adoec2.azuredevops.Agent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

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

    private final Organizations organizations;
    private final RecentListings<String, Map<Integer, Agent>> listings;

    AgentListings(Organizations organizations, Clock clock, Duration maxAge) {
        this.organizations = organizations;
        this.listings = new RecentListings<>(clock, maxAge);
    }

    /**
     * The agent as a listing of its pool taken after {@code disabledAt} shows it, with its running
     * job; empty when the pool no longer holds it.
     */
    Optional<Agent> find(OrganizationUrl organization, InstanceRecord.AgentRef agent, Instant disabledAt) {
        // A listing taken now, after the record that says the agent is disabled was read, is after the disable.
        Map<Integer, Agent> byId = listings.get(organization + "\n" + agent.poolId(), disabledAt.plus(CLOCK_MARGIN),
                () -> fetch(organization, agent.poolId()));
        return Optional.ofNullable(byId.get(agent.agentId()));
    }

    /**
     * The agent as a listing of its pool no older than the listings' age limit shows it: what
     * settles the status of an agent a VM resource listing showed without one.
     */
    Optional<Agent> find(OrganizationUrl organization, InstanceRecord.AgentRef agent) {
        return find(organization, agent, Instant.MIN);
    }

    private Map<Integer, Agent> fetch(OrganizationUrl organization, int poolId) {
        Map<Integer, Agent> byId = new HashMap<>();
        for (Agent agent : organizations.organization(organization).agents(poolId)) {
            byId.put(agent.id(), agent);
        }
        return byId;
    }
}
