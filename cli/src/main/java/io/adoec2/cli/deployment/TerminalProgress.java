package io.adoec2.cli.deployment;

import io.adoec2.cli.simulate.ProgressBar;
import io.adoec2.lifecycle.reconcile.Action;
import io.adoec2.lifecycle.reconcile.PassProgress;
import java.io.PrintStream;

/** A reconcile pass's progress as a bar on the terminal: environments listed, then actions done; nothing elsewhere. */
public final class TerminalProgress implements PassProgress {
    private final PrintStream out;
    private final boolean enabled;
    private ProgressBar bar;

    private TerminalProgress(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /** On standard error when the process has a terminal and {@code quiet} is false; otherwise silent. */
    public static PassProgress standardError(boolean quiet) {
        return new TerminalProgress(System.err, !quiet && System.console() != null);
    }

    @Override
    public void listing(int environments) {
        bar = new ProgressBar(out, enabled, environments);
    }

    @Override
    public void listed(String environment) {
        bar.step("listed " + environment);
    }

    @Override
    public void applying(int actions) {
        bar = new ProgressBar(out, enabled, actions);
    }

    @Override
    public void applied(Action action) {
        bar.step(action.kind() + " " + action.instanceId());
    }
}
