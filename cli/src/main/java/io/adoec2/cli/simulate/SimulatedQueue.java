package io.adoec2.cli.simulate;

import io.adoec2.events.sqs.RecheckMessage;
import io.adoec2.lifecycle.LifecycleEvent;
import io.adoec2.lifecycle.Rechecks;
import java.time.Duration;

/**
 * The function's queue in simulated time: a re-check comes back to the handler after its delay.
 * Sending one is a call of the invocation (an SQS SendMessage in AWS), where a chaos run may let
 * the invocation die.
 */
final class SimulatedQueue implements Rechecks {
    private final Timeline timeline;
    private final Invocations invocations;
    private Deliveries deliveries;

    SimulatedQueue(Timeline timeline, Invocations invocations) {
        this.timeline = timeline;
        this.invocations = invocations;
    }

    void deliveries(Deliveries value) {
        this.deliveries = value;
    }

    @Override
    public void schedule(LifecycleEvent.HookAction next, Duration delay) {
        invocations.beforeCall();
        String body = RecheckMessage.write(next);
        timeline.afterSeconds(delay.toMillis() / 1000.0, () -> deliveries.sqs(body));
        invocations.afterCall();
    }
}
