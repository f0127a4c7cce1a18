package io.adoec2.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class JitterTest {

    /** Two environments restored from one snapshot hold the same generator state, as these two do. */
    @Test
    void environmentsRestoredFromOneSnapshotDrawDifferentJitterOnceReseeded() {
        Jitter first = new Jitter(new Random(42));
        Jitter second = new Jitter(new Random(42));
        assertThat(draws(first)).containsExactly(draws(second));

        first.reseed();
        second.reseed();

        assertThat(draws(first)).isNotEqualTo(draws(second));
    }

    @Test
    void drawsAreUniformInTheUnitInterval() {
        assertThat(DoubleStream.of(draws(Jitter.shared()))).allSatisfy(value -> assertThat(value).isGreaterThanOrEqualTo(0.0).isLessThan(1.0));
    }

    private static double[] draws(Jitter jitter) {
        return DoubleStream.generate(jitter::next).limit(8).toArray();
    }
}
