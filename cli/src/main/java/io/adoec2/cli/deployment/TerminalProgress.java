package io.adoec2.cli.deployment;

import io.adoec2.cli.simulate.ProgressBar;
import io.adoec2.cli.simulate.ProgressLine;
import io.adoec2.lifecycle.reconcile.Action;
import io.adoec2.lifecycle.reconcile.PassProgress;

/**
 * A reconcile pass's progress as a {@link ProgressBar}: environments listed, then actions done. A bar on
 * a terminal, plain lines elsewhere; nothing when the command was asked to keep its output clean.
 */
public final class TerminalProgress implements PassProgress {
    private final ProgressLine line;
    private final boolean enabled;
    private ProgressBar bar;

    private TerminalProgress(ProgressLine line, boolean enabled) {
        this.line = line;
        this.enabled = enabled;
    }

    /** On standard error unless {@code quiet} (the command writes JSON for a script to read). */
    public static PassProgress standardError(boolean quiet) {
        return new TerminalProgress(ProgressLine.standardError(), !quiet);
    }

    @Override
    public void listing(int environments) {
        bar = new ProgressBar(line, enabled, environments);
    }

    @Override
    public void listed(String environment) {
        bar.step("listed " + environment);
    }

    @Override
    public void applying(int actions) {
        bar = new ProgressBar(line, enabled, actions);
    }

    @Override
    public void applied(Action action) {
        bar.step(action.kind() + " " + action.instanceId());
    }
}
