package io.adoec2.cli.simulate;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.adoec2.azuredevops.simulator.AzureDevOpsSimulator;
import io.adoec2.azuredevops.simulator.DeletionModel;
import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.azuredevops.simulator.SimVm;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.LifecycleHook;
import io.adoec2.lifecycle.RegistrationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One Auto Scaling group's day: it scales out to N instances in waves, each instance's
 * userdata registers it after a boot delay (or never, at the registration failure rate), then
 * the group scales in to zero while some agents run deployment jobs, and each agent goes offline
 * soon after its instance. Every notification or event that is not lost reaches the real
 * handlers as the JSON AWS sends; the invariants are checked after every invocation (a VM
 * resource deleted while its instance lives, its job runs, or that we never registered) and at
 * the end (orphans, records left in a state that is not final). In a chaos run some instances
 * meet mishaps ({@link InstanceMishaps}).
 */
final class Scenario implements SimulatedGroup.Listener {
    static final String GROUP = "ado-agents";
    private static final double LATE_LAUNCH_SECONDS = 40;
    /** From `svc.sh start` to the listener's session: the agent service's start-up. */
    private static final double SERVICE_START_SECONDS_MIN = 3;
    private static final double SERVICE_START_SECONDS_MAX = 15;

    private final ScenarioSettings settings;
    private final SimulatedGroup group;
    private final AzureDevOpsSimulator simulator;
    private final SimEnvironment environment;
    private final Deliveries deliveries;
    private final SnsNotifications sns;
    private final EventBridgeEvents eventBridge;
    private final RegistrationStore records;
    private final Timeline timeline;
    private final Random random;
    private final ProgressBar progress;
    private final NotificationLoss loss;
    private final DeletionAudit audit;
    private final Random agentLag;
    private final InstanceMishaps mishaps;

    private final Set<String> launched = new HashSet<>();
    /** Instances whose launch event was lost, or comes after their termination's: no record to fall back on. */
    private final Set<String> launchNotSeen = new HashSet<>();
    private final Set<String> terminated = new HashSet<>();
    private final Map<String, Integer> runningJobs = new HashMap<>();
    private boolean scalingIn;
    private int registered;
    private int registrationFailures;
    private int replacements;
    private int jobsInterrupted;

    Scenario(ScenarioSettings settings, SimulatedGroup group, AzureDevOpsSimulator simulator,
             SimEnvironment environment, Deliveries deliveries,
             SnsNotifications sns, EventBridgeEvents eventBridge, RegistrationStore records, Timeline timeline,
             ProgressBar progress, NotificationLoss loss, DeletionAudit audit, InstanceMishaps mishaps) {
        this.settings = settings;
        this.group = group;
        this.simulator = simulator;
        this.environment = environment;
        this.deliveries = deliveries;
        this.sns = sns;
        this.eventBridge = eventBridge;
        this.records = records;
        this.timeline = timeline;
        this.random = new Random(settings.seed());
        this.progress = progress;
        this.loss = loss;
        this.audit = audit;
        this.agentLag = new Random(settings.seed() ^ 0xa9e7L);
        this.mishaps = mishaps;
        group.listener(this);
    }

    void run() {
        int waves = (settings.instances() + settings.waveSize() - 1) / settings.waveSize();
        for (int wave = 0; wave < waves; wave++) {
            int count = Math.min(settings.waveSize(), settings.instances() - wave * settings.waveSize());
            timeline.afterSeconds(wave * settings.waveIntervalSeconds(), () -> group.scaleOut(count));
        }
        timeline.afterSeconds(waves * settings.waveIntervalSeconds() + settings.steadySeconds(), this::scaleInWhenSteady);
        timeline.runToEnd();
    }

    /** Whether the run is over: scaled in, every instance gone. Chaos that recurs stops then. */
    boolean finished() {
        return scalingIn && terminated.containsAll(launched);
    }

    @Override
    public void launching(String instanceId, Instant at, LifecycleHook hook) {
        launched.add(instanceId);
        boolean terminatesFirst = !scalingIn && mishaps.terminatesAtOnce(instanceId);
        if (terminatesFirst) {
            launchNotSeen.add(instanceId);
        }
        // An instance terminated at once has its termination delivered within seconds; its launch comes later.
        double soonest = terminatesFirst ? LATE_LAUNCH_SECONDS : 1;
        if (hook == null) {
            later(soonest, soonest + 9, () -> {
                if (loss.lost(true)) {
                    launchNotSeen.add(instanceId);
                } else {
                    deliveries.sns(sns.launch(GROUP, instanceId, at, deliveries.nextId()));
                }
            });
        } else {
            later(soonest, soonest + 4,
                    () -> deliveries.sqs(eventBridge.lifecycleAction(instanceId, hook, at, deliveries.nextId())));
        }
        if (random.nextDouble() < settings.registrationFailureRate()) {
            registrationFailures++;
        } else {
            later(settings.bootSecondsMin(), settings.bootSecondsMax(), () -> userdataRegisters(instanceId));
        }
    }

    @Override
    public void terminating(String instanceId, Instant at, LifecycleHook hook) {
        later(1, 5, () -> deliveries.sqs(eventBridge.lifecycleAction(instanceId, hook, at, deliveries.nextId())));
    }

    @Override
    public void terminated(String instanceId) {
        terminated.add(instanceId);
        if (runningJobs.remove(instanceId) != null) {
            jobsInterrupted++;
        }
        Instant at = timeline.now();
        later(1, settings.hooks() ? 5 : 10, () -> {
            if (loss.lost(false)) {
                return;
            }
            if (settings.hooks()) {
                deliveries.sqs(eventBridge.terminated(instanceId, at, deliveries.nextId()));
            } else {
                deliveries.sns(sns.terminate(GROUP, instanceId, at, deliveries.nextId()));
            }
        });
        // Azure DevOps notices the agent's session is gone within a minute or two.
        timeline.afterSeconds(20 + agentLag.nextDouble() * 70, () -> environment.vm(instanceId)
                .ifPresent(vm -> environment.setAgentOnline(vm.resourceId(), false)));
        progress.step("terminated " + instanceId);
        if (!scalingIn && launched.size() < settings.instances() * 3) {
            // The group replaces an instance that left before it ever served.
            replacements++;
            group.scaleOut(1);
        }
    }

    private void userdataRegisters(String instanceId) {
        if (!group.alive(instanceId)) {
            return;
        }
        // config.sh registers the agent offline; it turns online when `svc.sh start` has started its
        // listener and the listener has opened its pool session, a few seconds later.
        SimVm vm = environment.configureVm(instanceId, settings.resourceTags());
        audit.registered(vm.resourceId(), instanceId);
        registered++;
        timeline.afterSeconds(SERVICE_START_SECONDS_MIN + agentLag.nextDouble()
                * (SERVICE_START_SECONDS_MAX - SERVICE_START_SECONDS_MIN), () -> {
                    if (group.alive(instanceId) && environment.vm(instanceId)
                            .filter(now -> now.resourceId() == vm.resourceId()).isPresent()) {
                        environment.setAgentOnline(vm.resourceId(), true);
                        mishaps.maybeFlap(instanceId, vm);
                    }
                });
        mishaps.maybeForgeTermination(instanceId, () -> {
            Instant at = timeline.now();
            if (settings.hooks()) {
                deliveries.sqs(eventBridge.terminated(instanceId, at, deliveries.nextId()));
                // EC2 says a held instance runs too: only the group tells this forged action from a real one.
                LifecycleHook forged = new LifecycleHook(LifecycleHook.Transition.TERMINATING, GROUP,
                        SimulatedGroup.TERMINATE_HOOK, UUID.nameUUIDFromBytes(instanceId.getBytes(UTF_8)).toString());
                deliveries.sqs(eventBridge.lifecycleAction(instanceId, forged, at, deliveries.nextId()));
            } else {
                deliveries.sns(sns.terminate(GROUP, instanceId, at, deliveries.nextId()));
            }
        });
    }

    private void scaleInWhenSteady() {
        if (group.anyPendingLaunch()) {
            timeline.afterSeconds(60, this::scaleInWhenSteady);
            return;
        }
        scalingIn = true;
        List<String> order = new ArrayList<>(group.inService());
        Collections.shuffle(order, random);
        for (int i = 0; i < order.size(); i += settings.waveSize()) {
            List<String> wave = List.copyOf(order.subList(i, Math.min(order.size(), i + settings.waveSize())));
            timeline.afterSeconds((double) i / settings.waveSize() * settings.waveIntervalSeconds(),
                    () -> scaleIn(wave));
        }
    }

    private void scaleIn(List<String> wave) {
        for (String instanceId : wave) {
            if (!launchNotSeen.contains(instanceId)) {
                mishaps.maybeStripTags(instanceId);
            }
            Optional<SimVm> vm = environment.vm(instanceId);
            if (vm.isPresent() && random.nextDouble() < settings.busyFraction()
                    && environment.startJob(vm.get().resourceId(), "Deploy to " + instanceId)) {
                runningJobs.put(instanceId, vm.get().resourceId());
                later(settings.jobSecondsMin(), settings.jobSecondsMax(), () -> jobEnds(instanceId));
            }
        }
        group.scaleIn(wave);
    }

    private void jobEnds(String instanceId) {
        Integer resourceId = runningJobs.remove(instanceId);
        if (resourceId != null) {
            environment.finishJob(resourceId);
        }
    }

    /**
     * Run after every invocation of a handler or the reconciler: invariants 2 and 3 through the
     * audit, and invariant 4, a VM resource deleted while its agent runs a job.
     */
    void checkDeletions() {
        for (String instanceId : audit.check(group::alive)) {
            if (runningJobs.remove(instanceId) != null) {
                jobsInterrupted++;
            }
        }
    }

    Report report(long setupMs, long simulationMs, long simulatedSeconds, int unmanaged, ReconcileRuns reconciler,
                  boolean chaos, DeletionModel deletionModel, FaultTally faults, Report.AuthSummary auth) {
        checkDeletions();
        int orphans = (int) environment.vms().stream().filter(vm -> terminated.contains(vm.name())).count();
        // Agents of terminated instances still in the environment's deployment pool, VM resource or not.
        int poolAgentsLeft = (int) environment.poolAgents().stream()
                .filter(agent -> terminated.contains(agent.name())).count();
        Map<String, InstanceRecord> byInstance = new HashMap<>();
        records.all().forEach(record -> byInstance.put(record.instanceId(), record));
        int deregistered = (int) terminated.stream()
                .map(byInstance::get)
                .filter(record -> record != null && record.status().isFinal())
                .count();
        int stuck = (int) byInstance.values().stream().filter(record -> !record.status().isFinal()).count();
        faults.add(FaultKind.REGISTRATION_NEVER_HAPPENED, registrationFailures);
        Map<String, Long> byOperation = new TreeMap<>();
        simulator.calls().all().stream()
                .filter(call -> call.identity().equals(settings.functionIdentity()))
                .forEach(call -> byOperation.merge(call.operation(), 1L, Long::sum));
        long total = byOperation.values().stream().mapToLong(Long::longValue).sum();
        return new Report(settings.seed(), chaos, deletionModel, launched.size(), settings.instances(), replacements,
                registered, deregistered, orphans, poolAgentsLeft,
                audit.wrongDeletions(), audit.unmanagedDeleted(), jobsInterrupted, group.hooksCompleted(),
                group.hooksTimedOut(), stuck, registrationFailures, group.abandoned(), deliveries.deadLettered(),
                loss.lostLaunches() + loss.lostTerminations(), unmanaged, reconciler, faults.snapshot(), total,
                byOperation, simulatedSeconds, setupMs, simulationMs, auth);
    }

    private void later(double minSeconds, double maxSeconds, Runnable action) {
        timeline.afterSeconds(minSeconds + random.nextDouble() * (maxSeconds - minSeconds), action);
    }
}
