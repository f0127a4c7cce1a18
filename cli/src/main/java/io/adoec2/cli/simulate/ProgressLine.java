package io.adoec2.cli.simulate;

import java.io.PrintStream;

/**
 * Where the long-running commands (bench, simulate, reconcile, status) say how far they have come,
 * on standard error: on a terminal one line, rewritten in place; elsewhere (a CI log, a file) plain
 * lines, one per message, so the log keeps each.
 */
public final class ProgressLine {
    /** Back to the line's start, then the message, then erase what a longer earlier one left. */
    private static final String ERASE_TO_END = "\033[K";
    private static ProgressLine standardError;

    private final PrintStream out;
    private final boolean terminal;
    /** A message is on the terminal's current line with no newline after it yet. */
    private boolean pending;
    private boolean endsAtExit;

    ProgressLine(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * The process's one progress line on standard error, rewritten in place when the process has a
     * terminal. The same instance while System.err stays the same stream, so two parts of a command
     * share the line.
     */
    public static synchronized ProgressLine standardError() {
        if (standardError == null || standardError.out != System.err) {
            standardError = new ProgressLine(System.err, System.console() != null);
        }
        return standardError;
    }

    public boolean terminal() {
        return terminal;
    }

    /** Shows the message: in place of the last one on a terminal, as a line of its own elsewhere. */
    public synchronized void show(String message) {
        if (!terminal) {
            out.println(message);
            out.flush();
            return;
        }
        out.print("\r" + message + ERASE_TO_END);
        out.flush();
        pending = true;
        if (!endsAtExit) {
            // A command that ends on a message leaves the prompt on a line of its own.
            endsAtExit = true;
            Runtime.getRuntime().addShutdownHook(new Thread(this::end, "progress-line"));
        }
    }

    /** Ends the line on a terminal, so what is written next starts on a line of its own and the last message stays. */
    public synchronized void end() {
        if (pending) {
            out.println();
            out.flush();
            pending = false;
        }
    }
}
