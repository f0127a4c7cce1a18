package io.adoec2.lambdait;

import io.adoec2.localaws.ProjectRoot;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * One of the cold-start benchmark's baseline handlers (lambda-it/src/baseline) in a jar of its own,
 * compiled as tools/measure-cold-start.sh compiles it: --release 21 against aws-lambda-java-core alone,
 * so nothing of the project's build reaches it. For tests, which run without the script.
 */
final class BaselineJar {
    private BaselineJar() {}

    /** The jar of {@code baseline/<simpleName>.java}, built into a folder removed at exit. */
    static Path of(String simpleName) {
        Path source = ProjectRoot.find().resolve("lambda-it/src/baseline/java/baseline/" + simpleName + ".java");
        Path core = LambdaTools.runtimeClasspath().stream()
                .filter(jar -> jar.getFileName().toString().matches("aws-lambda-java-core-[^/]*\\.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no aws-lambda-java-core jar on the"
                        + " runtime classpath to compile " + source + " against"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("this JVM has no Java compiler to build " + source + " with: run on a JDK");
        }
        try {
            Path folder = Files.createTempDirectory("cold-start-baseline");
            folder.toFile().deleteOnExit();
            Path classes = Files.createDirectories(folder.resolve("classes"));
            int exit = javac.run(null, null, null, "--release", "21", "-cp", core.toString(), "-d", classes.toString(),
                    source.toString());
            if (exit != 0) {
                throw new IllegalStateException("javac failed (exit " + exit + ") on " + source + ": its errors are above");
            }
            Path jar = folder.resolve(simpleName + ".jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                 Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, (OutputStream) out);
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the jar of " + source, e);
        }
    }

}
