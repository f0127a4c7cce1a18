package io.adoec2.retry;

import java.security.SecureRandom;
import java.util.Random;

/**
 * The randomness that spreads retries. One per process, re-seeded after a SnapStart restore: every
 * execution environment restored from one snapshot would otherwise draw the same sequence and
 * retry in lockstep, which is what jitter is there to prevent.
 */
public final class Jitter {
    private static final Jitter SHARED = new Jitter(new Random(freshSeed()));

    private final Random random;

    Jitter(Random random) {
        this.random = random;
    }

    public static Jitter shared() {
        return SHARED;
    }

    /** A uniform value in [0, 1). */
    public double next() {
        return random.nextDouble();
    }

    /** Draws a new seed from the operating system (SnapStart's afterRestore hook calls this). */
    public void reseed() {
        random.setSeed(freshSeed());
    }

    /** SecureRandom reads the kernel's entropy, which a restored snapshot does not share with its siblings. */
    private static long freshSeed() {
        return new SecureRandom().nextLong() ^ System.nanoTime();
    }
}
