package io.adoec2.localaws;

import java.nio.file.Path;

/**
 * The Python virtual environment that {@code tools/install-python-tools.sh} keeps at
 * {@code .tools/venv}: moto's server, the AWS CLI and Microsoft's azure-devops SDK.
 */
public final class PythonTools {

    private final Path venv;

    private PythonTools(Path venv) {
        this.venv = venv;
    }

    /**
     * Runs the install script (instant when the pinned versions are already installed) and
     * returns the environment it made.
     */
    public static PythonTools installed(Path projectRoot) {
        InstallScript.run(projectRoot, "install-python-tools.sh");
        return new PythonTools(projectRoot.resolve(".tools/venv"));
    }

    /** The venv's interpreter, which imports its moto and Microsoft's azure-devops SDK. */
    public Path python() {
        return venv.resolve("bin/python");
    }

    /** The AWS CLI, for fixtures that are simplest to make with it. */
    public Path awsCli() {
        return venv.resolve("bin/aws");
    }
}
