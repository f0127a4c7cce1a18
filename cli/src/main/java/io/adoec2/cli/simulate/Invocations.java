package io.adoec2.cli.simulate;

import java.util.function.LongSupplier;

/**
 * The handler invocation now running, if any, and where it dies when chaos says it does: after
 * its n-th call (AWS, Auto Scaling, its queue or Azure DevOps), at the next AWS, Auto Scaling or
 * queue call it makes, before or after that call. Only one invocation runs at a time: the timeline
 * runs them one after another.
 */
final class Invocations {
    private static final int NEVER = -1;
    private static final int MOST_CALLS_BEFORE_DYING = 5;

    private final Chaos chaos;
    private final LongSupplier azureDevOpsCalls;
    private final VirtualClock clock;
    private boolean running;
    private long azureDevOpsCallsBefore;
    private long ownCalls;
    private long diesAfter = NEVER;

    /**
     * @param azureDevOpsCalls how many calls Azure DevOps has served so far, whoever made them
     * @param clock            whose time an invocation's waiting moves on, until it ends
     */
    Invocations(Chaos chaos, LongSupplier azureDevOpsCalls, VirtualClock clock) {
        this.chaos = chaos;
        this.azureDevOpsCalls = azureDevOpsCalls;
        this.clock = clock;
    }

    void begin() {
        running = true;
        ownCalls = 0;
        azureDevOpsCallsBefore = azureDevOpsCalls.getAsLong();
        diesAfter = chaos.strikes(FaultKind.HANDLER_DIED)
                ? chaos.oneOf(FaultKind.HANDLER_DIED, 1, MOST_CALLS_BEFORE_DYING) : NEVER;
    }

    void end() {
        running = false;
        diesAfter = NEVER;
        clock.invocationEnded();
    }

    /** Whether a handler is running: faults are injected only into its calls. */
    boolean running() {
        return running;
    }

    /** Before a call of the invocation: it dies here if it has made its last call. */
    void beforeCall() {
        dieWhenDue();
    }

    /** After a call of the invocation succeeded: it may die right now, its effect done. */
    void afterCall() {
        if (running) {
            ownCalls++;
            dieWhenDue();
        }
    }

    private void dieWhenDue() {
        if (!running || diesAfter == NEVER) {
            return;
        }
        long calls = ownCalls + azureDevOpsCalls.getAsLong() - azureDevOpsCallsBefore;
        if (calls >= diesAfter) {
            diesAfter = NEVER;
            chaos.injected(FaultKind.HANDLER_DIED);
            throw new InvocationDied(calls);
        }
    }
}
