package io.adoec2.localaws;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops a local peer (moto's server, the Lambda emulator) with everything it started. */
public final class ProcessTrees {
    private ProcessTrees() {}

    /**
     * Asks the process and its descendants to stop, waits up to {@code timeout}, then forces
     * whatever is left. Descendants are listed first: once the parent is gone they would be
     * re-parented and hard to find.
     */
    public static void stop(Process process, Duration timeout) {
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
