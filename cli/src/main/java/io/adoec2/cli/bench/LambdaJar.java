package io.adoec2.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Lambda artifact as built: its size, and what takes the room in it (compressed bytes per
 * top-level package), so a size that grows says where from.
 */
record LambdaJar(Path path, long artifactBytes, Map<String, Long> largestParts) {
    static final String PATH = "function/target/ado-ec2-lifecycle-function.jar";
    static final double TARGET_MEGABYTES = 10;
    private static final int PARTS_SHOWN = 8;

    static LambdaJar measure(Path projectRoot) throws IOException {
        Path jar = projectRoot.resolve(PATH);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -B package -pl function -am "
                    + "(bin/ado-ec2-lifecycle builds it with the CLI)");
        }
        Map<String, Long> parts = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().filter(entry -> !entry.isDirectory())
                    .forEach(entry -> parts.merge(part(entry), entry.getCompressedSize(), Long::sum));
        }
        Map<String, Long> largest = new LinkedHashMap<>();
        parts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(PARTS_SHOWN).forEach(e -> largest.put(e.getKey(), e.getValue()));
        return new LambdaJar(jar, Files.size(jar), largest);
    }

    double megabytes() {
        return artifactBytes / (1024.0 * 1024.0);
    }

    /** A class's package three levels deep (software/amazon/awssdk), a resource's first folder. */
    private static String part(ZipEntry entry) {
        String[] segments = entry.getName().split("/");
        int depth = entry.getName().endsWith(".class") ? Math.min(3, segments.length - 1) : 1;
        return depth == 0 ? "(root)" : String.join("/", Arrays.copyOf(segments, depth));
    }
}
