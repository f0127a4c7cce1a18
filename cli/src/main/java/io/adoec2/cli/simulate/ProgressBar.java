package io.adoec2.cli.simulate;

import java.io.PrintStream;

/**
 * A one-line progress bar on a terminal; silent when the output is not a terminal. Shared by the
 * long-running commands (simulate, reconcile and status over many environments).
 */
public final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean enabled;
    private final long total;
    private long done;
    private int lastDrawn = -1;

    public ProgressBar(PrintStream out, boolean enabled, long total) {
        this.out = out;
        this.enabled = enabled && total > 0;
        this.total = total;
    }

    public void step(String label) {
        done++;
        int filled = (int) Math.min(WIDTH, WIDTH * done / total);
        if (!enabled || filled == lastDrawn && done != total) {
            return;
        }
        lastDrawn = filled;
        out.printf("\r[%s%s] %d/%d %s", "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, label);
        if (done == total && enabled) {
            out.println();
        }
        out.flush();
    }
}
