package io.adoec2.cli.simulate;

import io.adoec2.azuredevops.simulator.AzureDevOpsSimulator;
import io.adoec2.azuredevops.simulator.Call;
import io.adoec2.azuredevops.simulator.Fault;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Azure DevOps misbehaving through the simulator's own fault injection: every operation the
 * functions use fails now and then (5xx) or drops its connection; every few minutes the whole
 * service slows down for a while (each answer seconds late, in simulated time); and now and then
 * the identity's budget runs out, so the next few calls of the busy operations are refused with
 * 429 and Retry-After. What was injected is read back off the simulator's call log, so only
 * faults a caller met are counted.
 */
final class AzureDevOpsChaos {
    /** The operations the event handlers and the reconciler call. */
    static final List<String> OPERATIONS = List.of("Projects_Get", "Environments_List", "Pool_Get",
            "Vmresource_List", "Vmresource_Get", "Vmresource_Delete", "Agents_Get", "Agents_Update", "Agents_List",
            "Agents_Delete");
    /** The operations called for every instance, where a burst of refusals is met at once. */
    static final List<String> BUSY_OPERATIONS = List.of("Vmresource_List", "Vmresource_Delete", "Agents_Get",
            "Agents_Update");
    private static final int[] SERVER_ERRORS = {500, 503, 502};
    private static final Duration SHORTEST_LATENCY = Duration.ofSeconds(1);

    private final AzureDevOpsSimulator simulator;
    private final Timeline timeline;
    private final Chaos chaos;
    private final BooleanSupplier goingOn;

    /** @param goingOn whether the scenario still runs: spikes and bursts stop with it */
    AzureDevOpsChaos(AzureDevOpsSimulator simulator, Timeline timeline, Chaos chaos, BooleanSupplier goingOn) {
        this.simulator = simulator;
        this.timeline = timeline;
        this.chaos = chaos;
        this.goingOn = goingOn;
    }

    void start() {
        ChaosSettings settings = chaos.settings();
        if (!settings.enabled()) {
            return;
        }
        faults(Duration.ZERO);
        timeline.afterSeconds(interval(FaultKind.ADO_LATENCY_SPIKE, settings.latencySpikeEvery()), this::spike);
        timeline.afterSeconds(interval(FaultKind.ADO_THROTTLED, settings.throttleBurstEvery()), this::burst);
    }

    /** Adds the faults callers met to the tally: 5xx answers, 429 answers and dropped connections. */
    void count(FaultTally tally) {
        for (Call call : simulator.calls().all()) {
            if (call.identity().equals("anonymous")) {
                continue;
            }
            if (call.status() == 0) {
                tally.count(FaultKind.ADO_CONNECTION_DROPPED);
            } else if (call.status() == 429) {
                tally.count(FaultKind.ADO_THROTTLED);
            } else if (call.status() >= 500) {
                tally.count(FaultKind.ADO_SERVER_ERROR);
            }
        }
    }

    private void spike() {
        ChaosSettings settings = chaos.settings();
        double seconds = chaos.between(FaultKind.ADO_LATENCY_SPIKE, SHORTEST_LATENCY.toSeconds(),
                settings.latencyMax().toSeconds());
        faults(Duration.ofMillis(Math.round(seconds * 1000)));
        timeline.afterSeconds(settings.latencySpikeLength().toSeconds(), () -> faults(Duration.ZERO));
        if (goingOn.getAsBoolean()) {
            timeline.afterSeconds(interval(FaultKind.ADO_LATENCY_SPIKE, settings.latencySpikeEvery()), this::spike);
        }
    }

    private void burst() {
        ChaosSettings settings = chaos.settings();
        for (String operation : BUSY_OPERATIONS) {
            double retryAfter = chaos.between(FaultKind.ADO_THROTTLED, 1, settings.retryAfterLongest().toSeconds());
            simulator.faults().throttleNext(operation, chaos.oneOf(FaultKind.ADO_THROTTLED, 1,
                    settings.throttleBurstLongest()), Duration.ofMillis(Math.round(retryAfter * 1000)));
        }
        if (goingOn.getAsBoolean()) {
            timeline.afterSeconds(interval(FaultKind.ADO_THROTTLED, settings.throttleBurstEvery()), this::burst);
        }
    }

    private void faults(Duration latency) {
        ChaosSettings settings = chaos.settings();
        for (int i = 0; i < OPERATIONS.size(); i++) {
            simulator.faults().set(OPERATIONS.get(i), new Fault(settings.adoErrorRate(),
                    SERVER_ERRORS[i % SERVER_ERRORS.length], latency, settings.adoDropRate()));
        }
    }

    /** Half to one and a half times the mean, so spikes and bursts fall at no fixed rhythm. */
    private double interval(FaultKind kind, Duration mean) {
        return chaos.between(kind, 0.5, 1.5) * mean.toSeconds();
    }
}
