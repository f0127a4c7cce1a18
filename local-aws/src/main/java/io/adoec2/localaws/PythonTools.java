package io.adoec2.localaws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Python virtual environment that {@code tools/install-python-tools.sh} keeps at
 * {@code .tools/venv}: moto's server and the AWS CLI.
 */
public final class PythonTools {

    private static final long INSTALL_TIMEOUT_MINUTES = 10;

    private final Path venv;

    private PythonTools(Path venv) {
        this.venv = venv;
    }

    /**
     * Runs the install script (instant when the pinned versions are already installed) and
     * returns the environment it made.
     */
    public static PythonTools installed(Path projectRoot) {
        Path script = projectRoot.resolve("tools/install-python-tools.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("install script not found: " + script);
        }
        try {
            Path log = Files.createTempFile("install-python-tools", ".log");
            try {
                Process install = new ProcessBuilder("bash", script.toString())
                        .directory(projectRoot.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                if (!install.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    install.destroyForcibly();
                    throw new IllegalStateException(script + " did not finish within "
                            + INSTALL_TIMEOUT_MINUTES + " minutes:\n" + LogTail.of(log));
                }
                if (install.exitValue() != 0) {
                    throw new IllegalStateException(script + " failed with exit code "
                            + install.exitValue() + ":\n" + LogTail.of(log));
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
        return new PythonTools(projectRoot.resolve(".tools/venv"));
    }

    public Path motoServer() {
        return venv.resolve("bin/moto_server");
    }

    /** The AWS CLI, for fixtures that are simplest to make with it. */
    public Path awsCli() {
        return venv.resolve("bin/aws");
    }
}
