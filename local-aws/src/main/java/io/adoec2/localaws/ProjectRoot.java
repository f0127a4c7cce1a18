package io.adoec2.localaws;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root folder, where {@code tools/} and {@code .tools/} live. */
public final class ProjectRoot {

    /** Set by the parent pom's Surefire configuration; a launcher may set it too. */
    public static final String PROPERTY = "project.root";

    private ProjectRoot() {
    }

    /**
     * The folder named by the {@value #PROPERTY} system property, else the nearest folder at or
     * above the working directory that holds the Maven wrapper {@code mvnw}.
     */
    public static Path find() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new PeerSetupException("cannot find the project root: system property " + PROPERTY
                + " is not set and no folder at or above " + start + " holds mvnw");
    }
}
