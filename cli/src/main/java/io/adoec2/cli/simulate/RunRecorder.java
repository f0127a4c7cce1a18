package io.adoec2.cli.simulate;

import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.azuredevops.simulator.SimVm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Samples a run over simulated time for {@code simulate --report}: instances in service, VM
 * resources, agents online and busy, faults injected so far, and when each reconcile pass ran.
 * It only reads (the group's states, the simulator's world under its lock, the fault tally), so
 * the run it watches does what it would do unwatched.
 */
final class RunRecorder {
    /** Often enough to show a wave of launches, few enough points for a page of thousands of instances. */
    static final Duration INTERVAL = Duration.ofSeconds(30);

    /** One sample: seconds since the start and the counts then. */
    record Sample(long second, int inService, int vmResources, int agentsOnline, int agentsBusy, int faults) {}

    private final Timeline timeline;
    private final Instant start;
    private final SimulatedGroup group;
    private final SimEnvironment environment;
    private final IntSupplier faults;
    private final BooleanSupplier finished;
    private final List<Sample> samples = new ArrayList<>();
    private final List<Long> reconcilePasses = new ArrayList<>();

    RunRecorder(Timeline timeline, Instant start, SimulatedGroup group, SimEnvironment environment, FaultTally tally,
                BooleanSupplier finished) {
        this.timeline = timeline;
        this.start = start;
        this.group = group;
        this.environment = environment;
        this.faults = () -> tally.snapshot().values().stream().mapToInt(Integer::intValue).sum();
        this.finished = finished;
    }

    /** Samples now and every {@link #INTERVAL} until the scenario is finished. */
    void start() {
        sample();
        timeline.afterSeconds(INTERVAL.toSeconds(), this::tick);
    }

    private void tick() {
        sample();
        if (!finished.getAsBoolean()) {
            timeline.afterSeconds(INTERVAL.toSeconds(), this::tick);
        }
    }

    /** A reconcile pass ran now (the passes after the scenario are sampled here too). */
    void reconcilePassed() {
        reconcilePasses.add(secondsNow());
        sample();
    }

    private void sample() {
        List<SimVm> vms = environment.vms();
        int online = (int) vms.stream().filter(SimVm::online).count();
        int busy = (int) vms.stream().filter(SimVm::busy).count();
        long second = secondsNow();
        if (!samples.isEmpty() && samples.getLast().second() == second) {
            samples.removeLast();
        }
        samples.add(new Sample(second, group.inService().size(), vms.size(), online, busy, faults.getAsInt()));
    }

    private long secondsNow() {
        return Duration.between(start, timeline.now()).toSeconds();
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    List<Long> reconcilePasses() {
        return List.copyOf(reconcilePasses);
    }
}
