package io.adoec2.lambdait;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The deployed artifact laid out as Lambda lays it out in {@code /var/task}: extracted, and the
 * working directory of the runtime, whose class loader loads the function from there (classes
 * at the top, jars under {@code lib/}). Only what the artifact holds is visible to the handler.
 */
final class TaskRoot {
    private static final Map<Path, Path> EXTRACTED = new HashMap<>();

    private TaskRoot() {}

    /** The artifact extracted once per JVM into a folder removed at exit. */
    static synchronized Path of(Path artifact) {
        return EXTRACTED.computeIfAbsent(artifact, TaskRoot::extract);
    }

    private static Path extract(Path artifact) {
        if (!Files.isRegularFile(artifact)) {
            throw new IllegalStateException("the deployed artifact " + artifact + " does not exist: build it with"
                    + " ./mvnw -B -pl function -am package -DskipTests (or run the whole build)");
        }
        try {
            Path root = Files.createTempDirectory("lambda-task");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root), "lambda-task-cleanup"));
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(artifact))) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    Path target = root.resolve(entry.getName()).normalize();
                    if (!target.startsWith(root)) {
                        throw new IllegalStateException(artifact + " holds an entry outside its root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        copy(zip, target);
                    }
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + artifact, e);
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temp folder left behind is not worth failing a JVM exit for.
        }
    }
}
