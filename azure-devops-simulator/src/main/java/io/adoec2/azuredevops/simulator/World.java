package io.adoec2.azuredevops.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * All simulated Azure DevOps state. One lock guards all of it: requests are small and in memory, so
 * a single lock costs nothing measurable and makes every operation atomic, as the real service's
 * database transactions are.
 */
final class World {

    private final Object lock = new Object();
    private final Clock clock;
    private final Random random;
    private final Map<String, OrgState> organizations = new LinkedHashMap<>();
    private Optional<BearerVerifier> identityProvider = Optional.empty();
    private volatile DeletionModel deletionModel = DeletionModel.PESSIMISTIC;
    private volatile boolean agentStatusOmitted;

    World(long seed, Clock clock) {
        this.clock = clock;
        this.random = new Random(seed);
    }

    <T> T locked(Supplier<T> action) {
        synchronized (lock) {
            return action.get();
        }
    }

    void locked(Runnable action) {
        synchronized (lock) {
            action.run();
        }
    }

    /** Call under the lock. */
    void trust(BearerVerifier verifier) {
        identityProvider = Optional.of(verifier);
    }

    /** The identity provider whose access tokens the organizations accept. Call under the lock. */
    Optional<BearerVerifier> identityProvider() {
        return identityProvider;
    }

    /** Azure DevOps stores times to the millisecond. Call under the lock. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A GUID from the seeded random, so ids repeat from run to run. Call under the lock. */
    String newGuid() {
        return new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString();
    }

    /** Call under the lock. */
    OrgState organization(String name) {
        return organizations.computeIfAbsent(Names.key(name), key -> new OrgState(this, name));
    }

    /** Call under the lock. */
    Optional<OrgState> findOrganization(String name) {
        return Optional.ofNullable(organizations.get(Names.key(name)));
    }

    DeletionModel deletionModel() {
        return deletionModel;
    }

    void deletionModel(DeletionModel model) {
        deletionModel = model;
    }

    /** Whether a VM resource's agent is listed without its status (the pool's agent listing always has it). */
    boolean agentStatusOmitted() {
        return agentStatusOmitted;
    }

    void agentStatusOmitted(boolean omitted) {
        agentStatusOmitted = omitted;
    }
}
