package io.adoec2.lambdait;

import io.adoec2.localaws.InstallScript;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The Lambda runtime's pieces outside the JVM's own classpath: AWS's Runtime Interface Emulator,
 * which {@code tools/install-lambda-tools.sh} builds into {@code .tools/}, and the runtime
 * interface client's jars, whose paths Maven writes to a file before the tests run.
 */
final class LambdaTools {
    static final String RUNTIME_CLASSPATH_PROPERTY = "lambda.runtime.classpath.file";
    private static Path emulator;

    private LambdaTools() {}

    /** Runs the install script once per JVM (instant when the pinned version is there). */
    static synchronized Path emulator(Path projectRoot) {
        if (emulator == null) {
            InstallScript.run(projectRoot, "install-lambda-tools.sh");
            emulator = projectRoot.resolve(".tools/aws-lambda-rie");
        }
        return emulator;
    }

    /** The runtime interface client and its dependencies, as the managed runtime has them on its classpath. */
    static List<Path> runtimeClasspath() {
        String file = System.getProperty(RUNTIME_CLASSPATH_PROPERTY);
        if (file == null) {
            throw new IllegalStateException("system property " + RUNTIME_CLASSPATH_PROPERTY
                    + " is not set: run through Maven (lambda-it's pom writes the file) or set it");
        }
        try {
            String classpath = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            List<Path> jars = Arrays.stream(classpath.split(File.pathSeparator))
                    .filter(entry -> !entry.isBlank()).map(Path::of).toList();
            if (jars.stream().noneMatch(jar -> jar.getFileName().toString()
                    .startsWith("aws-lambda-java-runtime-interface-client"))) {
                throw new IllegalStateException(file + " names no aws-lambda-java-runtime-interface-client jar");
            }
            return jars;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the runtime classpath from " + file
                    + " (lambda-it's pom writes it at generate-test-resources)", e);
        }
    }
}
