package io.adoec2.cli.bench;

import io.adoec2.cli.simulate.ProgressLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Cold starts are lambda-it's measurement ({@code tools/measure-cold-start.sh}: the deployed jar in
 * AWS's Runtime Interface Emulator): it writes {@code coldStart}, {@code coldStartSetup} and
 * {@code artifactBytes} into results.json and keeps everything else there, so the benchmark runs
 * it after writing its own figures and reads them back.
 */
final class ColdStarts {
    static final String SCRIPT = "tools/measure-cold-start.sh";
    /** Fewer runs than this cannot tell a lever's effect from a shared machine's noise. */
    static final int MIN_RUNS = 5;

    private ColdStarts() {}

    /** The runs a cold-start measurement takes when the benchmark asks for {@code asked}. */
    static int runs(int asked) {
        return Math.max(asked, MIN_RUNS);
    }

    /**
     * Measures into {@code results}, at least {@link #MIN_RUNS} runs; empty when it worked, else why not (the rest
     * of the benchmark stands).
     */
    static Optional<String> measure(Path projectRoot, Path results, int runs) throws InterruptedException {
        Path script = projectRoot.resolve(SCRIPT);
        if (!Files.isExecutable(script)) {
            return Optional.of(script + " is missing");
        }
        try {
            Process process = new ProcessBuilder(List.of(script.toString(), "--runs", Integer.toString(runs(runs)),
                    "--out", results.toAbsolutePath().toString()))
                    .directory(projectRoot.toFile())
                    .redirectErrorStream(true)
                    .start();
            // Its progress goes where the benchmark's goes: standard output is for the results.
            ProgressLine.standardError().end();
            process.getInputStream().transferTo(System.err);
            int exit = process.waitFor();
            return exit == 0 ? Optional.empty() : Optional.of(SCRIPT + " failed with exit " + exit + " (its output is "
                    + "above)");
        } catch (IOException e) {
            return Optional.of("cannot run " + script + ": " + e.getMessage());
        }
    }
}
