package io.adoec2.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The lifecycle logic: each normalised event goes to the action that owns it. */
public final class Lifecycle {
    private final LaunchRecorder launches;
    private final TerminationCleaner terminations;
    private final LaunchVerifier launchHooks;
    private final TerminationDrainer terminateHooks;
    private final SpotWarning spotWarnings;
    private final LifecycleActions actions;
    private final InstanceDirectory instanceStates;

    /**
     * @param instanceStates EC2, asked whether a termination is true before anything is deleted for it
     * @param retention      how long a final record is kept as a tombstone
     */
    public Lifecycle(RegistrationStore store, InstanceTags instanceTags, InstanceDirectory instanceStates,
                     Organizations organizations, EnvironmentResolver resolver, LifecycleActions actions,
                     Rechecks rechecks, HookSettings hookSettings, Clock clock, Duration retention) {
        InstancePlacer placer = new InstancePlacer(instanceTags, organizations, resolver);
        HookHolds holds = new HookHolds(actions, rechecks, hookSettings, clock);
        VmResourceListings listings = new VmResourceListings(organizations, clock, hookSettings.listingMaxAge());
        AgentListings agents = new AgentListings(organizations, clock, hookSettings.listingMaxAge());
        this.launches = new LaunchRecorder(store, placer, clock);
        this.terminations = new TerminationCleaner(store, placer, organizations, listings, resolver, clock, retention);
        this.launchHooks = new LaunchVerifier(store, placer, organizations, resolver, listings, agents, holds, clock,
                retention);
        this.terminateHooks = new TerminationDrainer(store, placer, organizations, resolver, holds, agents, clock,
                retention);
        this.spotWarnings = new SpotWarning(store, organizations, resolver, clock);
        this.actions = actions;
        this.instanceStates = instanceStates;
    }

    /** The events of one delivery batch, handled one by one; they share one look at EC2 and one at Auto Scaling. */
    public final class Batch {
        private final TerminationConfirmations confirmations;

        private Batch(List<LifecycleEvent> events) {
            this.confirmations = new TerminationConfirmations(instanceStates, actions, events);
        }

        public Outcome handle(LifecycleEvent event) {
            return Lifecycle.this.handle(event, confirmations);
        }
    }

    public Batch batch(List<LifecycleEvent> events) {
        return new Batch(events);
    }

    public Outcome handle(LifecycleEvent event) {
        return batch(List.of(event)).handle(event);
    }

    private Outcome handle(LifecycleEvent event, TerminationConfirmations confirmations) {
        return switch (event) {
            case LifecycleEvent.Launched launched -> launches.launched(launched);
            case LifecycleEvent.Terminated terminated -> terminations.terminated(terminated, confirmations);
            case LifecycleEvent.HookAction action -> switch (action.hook().transition()) {
                case LAUNCHING -> launchHooks.launching(action);
                case TERMINATING -> terminateHooks.terminating(action, confirmations);
            };
            case LifecycleEvent.SpotInterruption warning -> spotWarnings.interrupting(warning);
            case LifecycleEvent.WarmPoolReturn warmPool -> {
                actions.complete(warmPool.hook(), warmPool.instanceId(), LifecycleActions.Result.CONTINUE);
                yield new Outcome(Outcome.Result.INFORMATIONAL, warmPool.instanceId(),
                        "returning to the warm pool; registration kept, termination continued");
            }
            case LifecycleEvent.Informational info ->
                    new Outcome(Outcome.Result.INFORMATIONAL, "", info.kind() + ": " + info.description());
        };
    }
}
