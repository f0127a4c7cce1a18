package io.adoec2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProjectRootTest {

    @Test
    void findsTheFolderWithTheMavenWrapperWhenThePropertyIsUnset() {
        String configured = System.clearProperty(ProjectRoot.PROPERTY);
        try {
            assertThat(ProjectRoot.find().resolve("mvnw")).isRegularFile();
            assertThat(ProjectRoot.find().resolve("tools/install-python-tools.sh")).exists();
        } finally {
            if (configured != null) {
                System.setProperty(ProjectRoot.PROPERTY, configured);
            }
        }
    }
}
