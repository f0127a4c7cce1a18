package io.adoec2.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Listings of what Azure DevOps holds (an environment's VM resources, a pool's agents), one per
 * key, each serving every look for a short while: a burst of a hundred instances costs a few
 * listings, not a hundred lookups. A look that must not trust what was listed before some moment
 * asks for a listing taken no earlier than it.
 *
 * @param <K> what is listed (an environment, a pool)
 * @param <V> the listing, indexed as its users look things up
 */
final class RecentListings<K, V> {
    private record Listing<V>(Instant takenAt, V contents) {}

    private final Clock clock;
    private final Duration maxAge;
    private final Map<K, Listing<V>> listings = new ConcurrentHashMap<>();

    RecentListings(Clock clock, Duration maxAge) {
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /**
     * The listing of {@code key} taken no earlier than {@code notBefore} and younger than the
     * maximum age; otherwise one taken now, by {@code fetch}, which then serves the next looks.
     */
    V get(K key, Instant notBefore, Supplier<V> fetch) {
        Instant now = clock.instant();
        Listing<V> listing = listings.get(key);
        if (listing == null || !listing.takenAt().plus(maxAge).isAfter(now) || listing.takenAt().isBefore(notBefore)) {
            listing = new Listing<>(now, fetch.get());
            listings.put(key, listing);
        }
        return listing.contents();
    }
}
