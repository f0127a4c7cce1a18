package io.adoec2.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The instant by which the current invocation must have finished its work: Lambda's remaining time
 * less a margin for answering. Every wait and retry asks it first, so an invocation gives up (and
 * its event is retried later) instead of being killed by Lambda's timeout half way.
 *
 * <p>The handler sets it for the thread running the invocation ({@link #enter}); code outside an
 * invocation (priming, the CLI, tests that do not care) sees {@link #none()}.
 */
public final class Deadline {
    private static final Deadline NONE = new Deadline(Instant.MAX, Clock.systemUTC());
    private static final ThreadLocal<Deadline> CURRENT = ThreadLocal.withInitial(() -> NONE);

    private final Instant at;
    private final Clock clock;

    private Deadline(Instant at, Clock clock) {
        this.at = at;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** No deadline: all waits allowed. */
    public static Deadline none() {
        return NONE;
    }

    /** {@code remaining - margin} from now on {@code clock} (not below now). */
    public static Deadline after(Clock clock, Duration remaining, Duration margin) {
        Duration usable = remaining.minus(margin);
        Instant now = clock.instant();
        return new Deadline(usable.isNegative() ? now : now.plus(usable), clock);
    }

    /** The deadline of the invocation running on this thread. */
    public static Deadline current() {
        return CURRENT.get();
    }

    /** Makes this the current deadline until the returned scope is closed. */
    public Scope enter() {
        Deadline previous = CURRENT.get();
        CURRENT.set(this);
        return () -> CURRENT.set(previous);
    }

    /** Time left, zero once passed; {@code null}-free: unbounded deadlines answer a very long time. */
    public Duration remaining() {
        if (at.equals(Instant.MAX)) {
            return Duration.ofDays(365);
        }
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Whether waiting this long still ends before the deadline. */
    public boolean allows(Duration wait) {
        return remaining().compareTo(wait) >= 0;
    }

    public boolean passed() {
        return remaining().isZero();
    }

    /** The shorter of a timeout and the time left. */
    public Duration cap(Duration timeout) {
        Duration left = remaining();
        return left.compareTo(timeout) < 0 ? left : timeout;
    }

    @Override
    public String toString() {
        return at.equals(Instant.MAX) ? "no deadline" : "deadline " + at;
    }

    /** Restores the deadline that was current before {@link #enter}. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
