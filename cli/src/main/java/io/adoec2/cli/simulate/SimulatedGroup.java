package io.adoec2.cli.simulate;

import io.adoec2.lifecycle.LifecycleActions;
import io.adoec2.lifecycle.LifecycleHook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * An Auto Scaling group as the function sees it: instances launch (into Pending:Wait when the
 * group has lifecycle hooks), are scaled in (into Terminating:Wait), and leave. With hooks it
 * keeps each lifecycle action until the function completes it, or until its heartbeat timeout
 * passes and the group applies the default result itself (ABANDON at launch, CONTINUE at
 * termination), which counts as a hook timed out. An action whose timeout passed while an
 * invocation was still at work is timed out when that invocation tries to complete it. Its
 * completions and heartbeats are calls of the invocation making them (Auto Scaling API calls in
 * AWS), where a chaos run may let the invocation die. It answers DescribeAutoScalingInstances from
 * the same states, and forgets an instance once it is terminated (pessimistic: Auto Scaling lists a
 * Terminated instance only for a while, after which the function must go by EC2).
 */
final class SimulatedGroup implements LifecycleActions {
    enum State {
        PENDING_WAIT("Pending:Wait"), IN_SERVICE("InService"), TERMINATING_WAIT("Terminating:Wait"), TERMINATED(null);

        /** As DescribeAutoScalingInstances spells it; none once forgotten. */
        final String lifecycleState;

        State(String lifecycleState) {
            this.lifecycleState = lifecycleState;
        }
    }

    /** What the group tells the world about, as AWS would: notifications or lifecycle events. */
    interface Listener {
        void launching(String instanceId, Instant at, LifecycleHook hook);

        void terminating(String instanceId, Instant at, LifecycleHook hook);

        void terminated(String instanceId);
    }

    private static final class Action {
        final LifecycleHook hook;
        Instant deadline;

        Action(LifecycleHook hook, Instant deadline) {
            this.hook = hook;
            this.deadline = deadline;
        }
    }

    static final String LAUNCH_HOOK = "ado-registration";
    static final String TERMINATE_HOOK = "ado-drain";

    private final String name;
    private final boolean hooks;
    private final Duration heartbeatTimeout;
    private final Ec2Fleet fleet;
    private final Timeline timeline;
    private final Clock clock;
    private final Random tokens;
    private final Invocations invocations;
    private Listener listener;

    private final Map<String, State> states = new HashMap<>();
    private final Map<String, Action> actions = new HashMap<>();
    private int hooksCompleted;
    private int hooksTimedOut;
    private int abandoned;

    SimulatedGroup(String name, boolean hooks, Duration heartbeatTimeout, Ec2Fleet fleet, Timeline timeline,
                   Clock clock, long seed, Invocations invocations) {
        this.name = name;
        this.hooks = hooks;
        this.heartbeatTimeout = heartbeatTimeout;
        this.fleet = fleet;
        this.timeline = timeline;
        this.clock = clock;
        this.tokens = new Random(seed ^ 0x7043);
        this.invocations = invocations;
    }

    void listener(Listener value) {
        this.listener = value;
    }

    List<String> scaleOut(int count) {
        List<String> launched = fleet.launch(count);
        for (String instanceId : launched) {
            states.put(instanceId, hooks ? State.PENDING_WAIT : State.IN_SERVICE);
            listener.launching(instanceId, clock.instant(), hooks ? hold(instanceId, LifecycleHook.Transition.LAUNCHING)
                    : null);
        }
        return launched;
    }

    void scaleIn(List<String> instanceIds) {
        for (String instanceId : instanceIds) {
            if (states.get(instanceId) != State.IN_SERVICE) {
                continue;
            }
            if (hooks) {
                states.put(instanceId, State.TERMINATING_WAIT);
                listener.terminating(instanceId, clock.instant(), hold(instanceId, LifecycleHook.Transition.TERMINATING));
            } else {
                terminate(instanceId);
            }
        }
    }

    /**
     * EC2 terminates the instance whatever state it is in (a Spot reclaim, a failed host, someone
     * at the console): a lifecycle action holding it ends with it, neither completed nor timed out.
     */
    void kill(String instanceId) {
        if (states.getOrDefault(instanceId, State.TERMINATED) != State.TERMINATED) {
            actions.remove(instanceId);
            terminate(instanceId);
        }
    }

    /** Running and meant to stay: launching or in service, not on its way out. */
    boolean alive(String instanceId) {
        State state = states.getOrDefault(instanceId, State.TERMINATED);
        return state == State.PENDING_WAIT || state == State.IN_SERVICE;
    }

    List<String> inService() {
        List<String> ids = new ArrayList<>();
        states.forEach((id, state) -> {
            if (state == State.IN_SERVICE) {
                ids.add(id);
            }
        });
        return ids.stream().sorted().toList();
    }

    boolean anyPendingLaunch() {
        return states.containsValue(State.PENDING_WAIT);
    }

    int hooksCompleted() {
        return hooksCompleted;
    }

    int hooksTimedOut() {
        return hooksTimedOut;
    }

    int abandoned() {
        return abandoned;
    }

    @Override
    public boolean complete(LifecycleHook hook, String instanceId, Result result) {
        invocations.beforeCall();
        Action action = actions.get(instanceId);
        if (action == null || !action.hook.token().equals(hook.token()) || !hook.autoScalingGroup().equals(name)
                || timedOutMeanwhile(instanceId, action)) {
            return false;
        }
        actions.remove(instanceId);
        hooksCompleted++;
        if (hook.transition() == LifecycleHook.Transition.LAUNCHING && result == Result.ABANDON) {
            states.put(instanceId, State.TERMINATING_WAIT);
        }
        // Auto Scaling acts on a completion a moment later, not inside the caller's request.
        timeline.afterSeconds(1, () -> resolve(instanceId, hook.transition(), result));
        invocations.afterCall();
        return true;
    }

    @Override
    public boolean heartbeat(LifecycleHook hook, String instanceId) {
        invocations.beforeCall();
        Action action = actions.get(instanceId);
        if (action == null || !action.hook.token().equals(hook.token()) || timedOutMeanwhile(instanceId, action)) {
            return false;
        }
        action.deadline = clock.instant().plus(heartbeatTimeout);
        timeline.at(action.deadline, () -> timeOut(instanceId, action));
        invocations.afterCall();
        return true;
    }

    @Override
    public Map<String, String> lifecycleStates(Collection<String> instanceIds) {
        invocations.beforeCall();
        Map<String, String> found = new LinkedHashMap<>();
        for (String instanceId : instanceIds) {
            State state = states.get(instanceId);
            if (state != null && state.lifecycleState != null) {
                found.put(instanceId, state.lifecycleState);
            }
        }
        invocations.afterCall();
        return found;
    }

    /** Whether the action's timeout passed while the invocation calling now was at work; if so it times out now. */
    private boolean timedOutMeanwhile(String instanceId, Action action) {
        if (clock.instant().isBefore(action.deadline)) {
            return false;
        }
        timeOut(instanceId, action);
        return true;
    }

    private LifecycleHook hold(String instanceId, LifecycleHook.Transition transition) {
        LifecycleHook hook = new LifecycleHook(transition, name,
                transition == LifecycleHook.Transition.LAUNCHING ? LAUNCH_HOOK : TERMINATE_HOOK,
                new UUID(tokens.nextLong(), tokens.nextLong()).toString());
        Action action = new Action(hook, clock.instant().plus(heartbeatTimeout));
        actions.put(instanceId, action);
        timeline.at(action.deadline, () -> timeOut(instanceId, action));
        return hook;
    }

    private void timeOut(String instanceId, Action action) {
        if (actions.get(instanceId) != action || clock.instant().isBefore(action.deadline)) {
            return;
        }
        actions.remove(instanceId);
        hooksTimedOut++;
        if (action.hook.transition() == LifecycleHook.Transition.LAUNCHING) {
            states.put(instanceId, State.TERMINATING_WAIT);
        }
        resolve(instanceId, action.hook.transition(), action.hook.transition() == LifecycleHook.Transition.LAUNCHING
                ? Result.ABANDON : Result.CONTINUE);
    }

    private void resolve(String instanceId, LifecycleHook.Transition transition, Result result) {
        if (transition == LifecycleHook.Transition.LAUNCHING && result == Result.CONTINUE) {
            states.put(instanceId, State.IN_SERVICE);
            return;
        }
        if (transition == LifecycleHook.Transition.LAUNCHING) {
            abandoned++;
        }
        terminate(instanceId);
    }

    private void terminate(String instanceId) {
        states.put(instanceId, State.TERMINATED);
        fleet.terminate(List.of(instanceId));
        listener.terminated(instanceId);
    }
}
