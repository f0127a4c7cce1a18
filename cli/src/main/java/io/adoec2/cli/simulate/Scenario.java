package io.adoec2.cli.simulate;

import io.adoec2.azuredevops.simulator.AzureDevOpsSimulator;
import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.azuredevops.simulator.SimVm;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.RegistrationStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * One Auto Scaling group's day: it scales out to N instances in waves, each instance's
 * userdata registers it after a boot delay, then the group scales in to zero and each agent
 * goes offline soon after its instance. Every notification that is not lost reaches the real
 * handler as SNS JSON; the invariants are checked as it runs (a VM resource deleted while its
 * instance lives) and at the end (orphans).
 */
final class Scenario {
    static final String GROUP = "ado-agents";

    private final ScenarioSettings settings;
    private final Ec2Fleet fleet;
    private final AzureDevOpsSimulator simulator;
    private final SimEnvironment environment;
    private final Invoker invoker;
    private final RegistrationStore records;
    private final Timeline timeline;
    private final Random random;
    private final ProgressBar progress;
    private final NotificationLoss loss;
    private final DeletionAudit audit;
    private final Random agentLag;

    private final Set<String> live = new HashSet<>();
    private final Set<String> terminated = new HashSet<>();
    private int registered;

    Scenario(ScenarioSettings settings, Ec2Fleet fleet, AzureDevOpsSimulator simulator, SimEnvironment environment,
             Invoker invoker, RegistrationStore records, Timeline timeline, ProgressBar progress,
             NotificationLoss loss, DeletionAudit audit) {
        this.settings = settings;
        this.fleet = fleet;
        this.simulator = simulator;
        this.environment = environment;
        this.invoker = invoker;
        this.records = records;
        this.timeline = timeline;
        this.random = new Random(settings.seed());
        this.progress = progress;
        this.loss = loss;
        this.audit = audit;
        this.agentLag = new Random(settings.seed() ^ 0xa9e7L);
    }

    /** The instances running now. */
    Set<String> live() {
        return live;
    }

    void run() {
        int waves = (settings.instances() + settings.waveSize() - 1) / settings.waveSize();
        for (int wave = 0; wave < waves; wave++) {
            int count = Math.min(settings.waveSize(), settings.instances() - wave * settings.waveSize());
            timeline.afterSeconds(wave * settings.waveIntervalSeconds(), () -> scaleOut(count));
        }
        double scaleInStart = waves * settings.waveIntervalSeconds() + settings.steadySeconds();
        timeline.afterSeconds(scaleInStart, this::scheduleScaleIn);
        timeline.runToEnd();
    }

    private void scaleOut(int count) {
        for (String instanceId : fleet.launch(count)) {
            live.add(instanceId);
            timeline.afterSeconds(uniform(1, 10), () -> notify(instanceId, true));
            timeline.afterSeconds(uniform(settings.bootSecondsMin(), settings.bootSecondsMax()),
                    () -> userdataRegisters(instanceId));
        }
    }

    private void userdataRegisters(String instanceId) {
        if (!live.contains(instanceId)) {
            return;
        }
        SimVm vm = environment.registerVm(instanceId, settings.resourceTags());
        audit.registered(vm.resourceId(), instanceId);
        registered++;
        progress.step("registered " + instanceId);
    }

    private void scheduleScaleIn() {
        List<String> order = new ArrayList<>(live);
        Collections.sort(order);
        Collections.shuffle(order, random);
        for (int i = 0; i < order.size(); i += settings.waveSize()) {
            List<String> wave = order.subList(i, Math.min(order.size(), i + settings.waveSize()));
            timeline.afterSeconds((double) i / settings.waveSize() * settings.waveIntervalSeconds(),
                    () -> scaleIn(List.copyOf(wave)));
        }
    }

    private void scaleIn(List<String> instanceIds) {
        fleet.terminate(instanceIds);
        live.removeAll(instanceIds);
        terminated.addAll(instanceIds);
        for (String instanceId : instanceIds) {
            timeline.afterSeconds(uniform(1, 10), () -> notify(instanceId, false));
            // Azure DevOps notices the agent's session is gone within a minute or two.
            timeline.afterSeconds(20 + agentLag.nextDouble() * 70, () -> environment.vm(instanceId)
                    .ifPresent(vm -> environment.setAgentOnline(vm.resourceId(), false)));
        }
    }

    private void notify(String instanceId, boolean launch) {
        if (!loss.lost(launch)) {
            invoker.deliver(GROUP, instanceId, launch, timeline);
        }
        audit.check(live);
        if (!launch) {
            progress.step("deregistered " + instanceId);
        }
    }

    Report report(long durationMs, long simulatedSeconds, int unmanaged, ReconcileRuns reconciler) {
        int orphans = (int) environment.vms().stream().filter(vm -> terminated.contains(vm.name())).count();
        int deregistered = (int) terminated.stream()
                .map(records::find)
                .filter(found -> found.map(InstanceRecord::status).map(s -> s.isFinal()).orElse(false))
                .count();
        Map<String, Long> byOperation = new TreeMap<>();
        simulator.calls().all().stream()
                .filter(call -> call.identity().equals(settings.functionIdentity()))
                .forEach(call -> byOperation.merge(call.operation(), 1L, Long::sum));
        long total = byOperation.values().stream().mapToLong(Long::longValue).sum();
        audit.check(live);
        return new Report(settings.seed(), settings.instances(), registered, deregistered, orphans,
                audit.wrongDeletions(), audit.unmanagedDeleted(), invoker.failedDeliveries(), total, byOperation,
                simulatedSeconds, durationMs, loss.lostLaunches() + loss.lostTerminations(), unmanaged, reconciler);
    }

    private double uniform(double min, double max) {
        return min + random.nextDouble() * (max - min);
    }
}
