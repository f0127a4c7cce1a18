package io.adoec2.localaws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the project's idempotent {@code tools/install-*.sh} scripts, so that a test or
 * {@code simulate} on a fresh machine installs the peers it needs. The script's stderr is ours: a first
 * run's minute of installing says what it does and shows it is alive (the script draws elapsed seconds
 * on a terminal, plain lines otherwise); its stdout's tail goes into the error when it fails.
 */
public final class InstallScript {
    private static final long TIMEOUT_MINUTES = 10;

    private InstallScript() {}

    private static String tail(Path log) throws IOException {
        return Files.size(log) == 0 ? "" : ":\n" + LogTail.of(log);
    }

    /** Runs {@code tools/<name>} in the project root; instant when what it installs is already there. */
    public static void run(Path projectRoot, String name) {
        Path script = projectRoot.resolve("tools").resolve(name);
        if (!Files.isRegularFile(script)) {
            throw new PeerSetupException("install script not found: " + script);
        }
        try {
            Path log = Files.createTempFile(name, ".log");
            try {
                Process install = new ProcessBuilder("bash", script.toString())
                        .directory(projectRoot.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .redirectOutput(log.toFile())
                        .start();
                if (!install.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    install.destroyForcibly();
                    throw new PeerSetupException(script + " did not finish within " + TIMEOUT_MINUTES
                            + " minutes (its messages are above)" + tail(log));
                }
                if (install.exitValue() != 0) {
                    throw new PeerSetupException(script + " failed with exit code " + install.exitValue()
                            + " (its messages are above)" + tail(log));
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new PeerSetupException("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerSetupException("interrupted while running " + script, e);
        }
    }
}
