package io.adoec2.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adoec2.localaws.ProjectRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JVM of its own on this one's class path, whose last line of output is a JSON object: for a
 * measurement that needs a fresh heap, or that must only take the CPU the others leave idle.
 */
final class ForkedJvm {
    private static final Path NICE = Path.of("/usr/bin/nice");

    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final boolean lowPriority;

    private ForkedJvm(List<String> jvmOptions, Map<String, String> environment, boolean lowPriority) {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.environment = Map.copyOf(environment);
        this.lowPriority = lowPriority;
    }

    static ForkedJvm withOptions(List<String> jvmOptions, Map<String, String> environment) {
        return new ForkedJvm(jvmOptions, environment, false);
    }

    /**
     * At the lowest CPU priority (where {@code nice} exists), with its own children (moto's server):
     * it soaks up the time the wall-clock measurements leave idle without slowing them down.
     */
    static ForkedJvm lowPriority() {
        return new ForkedJvm(List.of(), Map.of(), Files.isExecutable(NICE));
    }

    JsonNode run(Class<?> mainClass, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (lowPriority) {
            command.addAll(List.of(NICE.toString(), "-n", "19"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-D" + ProjectRoot.PROPERTY + "=" + ProjectRoot.find());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        String last = output.strip().lines().reduce((first, second) -> second).orElse("");
        if (!last.startsWith("{")) {
            throw new IllegalStateException(mainClass.getSimpleName() + " " + String.join(" ", arguments)
                    + " in a JVM of its own ended (exit " + exit + ") without its JSON answer:\n" + output);
        }
        return new ObjectMapper().readTree(last);
    }
}
