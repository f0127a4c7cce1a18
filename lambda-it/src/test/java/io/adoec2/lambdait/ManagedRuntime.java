package io.adoec2.lambdait;

import io.adoec2.testing.TerraformFunctions;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How the managed {@code java21} runtime starts a function's JVM, as its bootstrap does: the
 * runtime interface client on the system classpath, the function loaded from the task root by
 * the client's own class loader, the serial collector, and the CRaC API bound to Lambda's
 * implementation. {@code JAVA_TOOL_OPTIONS} comes on top, from the environment.
 */
final class ManagedRuntime {
    /** What Lambda's java21 runtime sets when the function sets no JAVA_TOOL_OPTIONS of its own. */
    static final String DEFAULT_JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    static final String CLIENT_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private ManagedRuntime() {}

    static List<String> javaCommand(TerraformFunctions.Function function, List<Path> runtimeClasspath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The sandbox gives the JVM the function's memory and no more; ergonomics size the heap from it.
        command.add("-XX:MaxRAM=" + function.memory() + "m");
        command.add("-XX:+UseSerialGC");
        command.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-XX:+ErrorFileToStderr");
        command.add("-classpath");
        command.add(runtimeClasspath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(CLIENT_MAIN);
        command.add(function.handler());
        return command;
    }
}
