package io.adoec2.cli.simulate;

import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.azuredevops.simulator.SimVm;
import java.util.Optional;

/**
 * What befalls single instances in a chaos run: terminated right after launch (their launch event
 * then arrives after their termination's), stripped of their tags before their termination is
 * handled, agents that drop offline for a while and come back, and terminate events sent for
 * instances that still run.
 */
final class InstanceMishaps {
    private static final double SOONEST_KILL_SECONDS = 2;
    private static final double LATEST_KILL_SECONDS = 8;
    private static final double SOONEST_FLAP_SECONDS = 30;
    private static final double LATEST_FLAP_SECONDS = 600;
    private static final double SHORTEST_OFFLINE_SECONDS = 30;
    private static final double LONGEST_OFFLINE_SECONDS = 240;
    private static final double SOONEST_FORGERY_SECONDS = 10;
    private static final double LATEST_FORGERY_SECONDS = 900;

    private final Chaos chaos;
    private final SimulatedGroup group;
    private final Ec2Fleet fleet;
    private final SimEnvironment environment;
    private final Timeline timeline;

    InstanceMishaps(Chaos chaos, SimulatedGroup group, Ec2Fleet fleet, SimEnvironment environment,
                    Timeline timeline) {
        this.chaos = chaos;
        this.group = group;
        this.fleet = fleet;
        this.environment = environment;
        this.timeline = timeline;
    }

    /**
     * Whether the launching instance is terminated within seconds, before its userdata can
     * register it; its launch event must then be delivered after its termination's.
     */
    boolean terminatesAtOnce(String instanceId) {
        if (!chaos.strikes(FaultKind.TERMINATE_BEFORE_LAUNCH)) {
            return false;
        }
        chaos.injected(FaultKind.TERMINATE_BEFORE_LAUNCH);
        timeline.afterSeconds(chaos.between(FaultKind.TERMINATE_BEFORE_LAUNCH, SOONEST_KILL_SECONDS,
                LATEST_KILL_SECONDS), () -> group.kill(instanceId));
        return true;
    }

    /** Removes the instance's tags now, when chaos says so: its termination must go by its record. */
    void maybeStripTags(String instanceId) {
        if (chaos.strikes(FaultKind.TAGS_GONE_AT_TERMINATE)) {
            chaos.injected(FaultKind.TAGS_GONE_AT_TERMINATE);
            fleet.removeTags(instanceId);
        }
    }

    /** Maybe, some minutes from now, the agent of this freshly registered VM drops offline and comes back. */
    void maybeFlap(String instanceId, SimVm vm) {
        if (!chaos.strikes(FaultKind.AGENT_OFFLINE_AND_BACK)) {
            return;
        }
        double offlineFor = chaos.between(FaultKind.AGENT_OFFLINE_AND_BACK, SHORTEST_OFFLINE_SECONDS,
                LONGEST_OFFLINE_SECONDS);
        timeline.afterSeconds(chaos.between(FaultKind.AGENT_OFFLINE_AND_BACK, SOONEST_FLAP_SECONDS,
                LATEST_FLAP_SECONDS), () -> {
            // Only an idle agent of a running instance: a busy one going away is a failed job, not a flap.
            if (group.alive(instanceId) && current(instanceId, vm).filter(v -> v.online() && !v.busy()).isPresent()) {
                chaos.injected(FaultKind.AGENT_OFFLINE_AND_BACK);
                environment.setAgentOnline(vm.resourceId(), false);
                timeline.afterSeconds(offlineFor, () -> {
                    if (group.alive(instanceId) && current(instanceId, vm).isPresent()) {
                        environment.setAgentOnline(vm.resourceId(), true);
                    }
                });
            }
        });
    }

    /**
     * Maybe, some minutes from now, a terminate event for this instance is sent while it still
     * runs ({@code forge} sends it as the group's path would carry it). Counted only if it runs then.
     */
    void maybeForgeTermination(String instanceId, Runnable forge) {
        if (!chaos.strikes(FaultKind.FORGED_TERMINATION)) {
            return;
        }
        timeline.afterSeconds(chaos.between(FaultKind.FORGED_TERMINATION, SOONEST_FORGERY_SECONDS,
                LATEST_FORGERY_SECONDS), () -> {
            if (group.alive(instanceId)) {
                chaos.injected(FaultKind.FORGED_TERMINATION);
                forge.run();
            }
        });
    }

    /** The VM resource as it is now, if it is still the one registered then. */
    private Optional<SimVm> current(String instanceId, SimVm registered) {
        return environment.vm(instanceId).filter(now -> now.resourceId() == registered.resourceId());
    }
}
