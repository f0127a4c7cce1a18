package io.adoec2.cli.simulate;

/**
 * How far a run of known length has come, on a {@link ProgressLine}: on a terminal a bar redrawn as
 * it fills; elsewhere a plain line at every tenth, so a CI log of a large run shows it moving without
 * a line per step. Shared by the long-running commands (simulate, reconcile and status over many
 * environments).
 */
public final class ProgressBar {
    private static final int WIDTH = 30;
    private static final int PLAIN_STEPS = 10;

    private final ProgressLine line;
    private final boolean enabled;
    private final long total;
    private long done;
    private long lastDrawn = -1;

    /** @param enabled false for output that must stay clean (a command asked for JSON only) */
    public ProgressBar(ProgressLine line, boolean enabled, long total) {
        this.line = line;
        this.enabled = enabled && total > 0;
        this.total = total;
    }

    public void step(String label) {
        done++;
        if (!enabled) {
            return;
        }
        long mark = line.terminal() ? Math.min(WIDTH, WIDTH * done / total)
                : Math.min(PLAIN_STEPS, PLAIN_STEPS * done / total);
        if (mark == lastDrawn && done != total) {
            return;
        }
        lastDrawn = mark;
        if (line.terminal()) {
            int filled = (int) mark;
            line.show(String.format("[%s%s] %d/%d %s", "#".repeat(filled), ".".repeat(WIDTH - filled), done, total,
                    label));
            if (done == total) {
                line.end();
            }
        } else if (mark > 0 || done == total) {
            line.show(String.format("%d/%d (%d%%) %s", done, total, 100 * done / total, label));
        }
    }
}
