package io.adoec2.cli.simulate;

import io.adoec2.events.sqs.RecheckMessage;
import io.adoec2.lifecycle.LifecycleEvent;
import io.adoec2.lifecycle.Rechecks;
import java.time.Duration;

/** The function's queue in simulated time: a re-check comes back to the handler after its delay. */
final class SimulatedQueue implements Rechecks {
    private final Timeline timeline;
    private Deliveries deliveries;

    SimulatedQueue(Timeline timeline) {
        this.timeline = timeline;
    }

    void deliveries(Deliveries value) {
        this.deliveries = value;
    }

    @Override
    public void schedule(LifecycleEvent.HookAction next, Duration delay) {
        String body = RecheckMessage.write(next);
        timeline.afterSeconds(delay.toMillis() / 1000.0, () -> deliveries.sqs(body));
    }
}
