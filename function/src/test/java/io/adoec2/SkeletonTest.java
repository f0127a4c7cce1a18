package io.adoec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.azuredevops.Secret;
import org.junit.jupiter.api.Test;

class SkeletonTest {
    @Test
    void secretHidesItself() {
        assertThat(Secret.of("abc").toString()).doesNotContain("abc");
    }
}
