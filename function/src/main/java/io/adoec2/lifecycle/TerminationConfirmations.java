package io.adoec2.lifecycle;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * EC2's and Auto Scaling's word on the instances a batch of events says are leaving, each asked
 * once for the whole batch (one DescribeInstances, one DescribeAutoScalingInstances) when the
 * first of them is handled. A termination is acted on only when they bear it out: anyone who may
 * publish to the topic or send to the queue could otherwise have the function delete a live
 * instance's VM resource.
 */
final class TerminationConfirmations {
    /**
     * The lifecycle states of an instance on its way out of its group (the API's LifecycleState
     * enumeration, botocore autoscaling 2011-01-01): scaled in, or terminated from the warm pool.
     */
    private static final Set<String> LEAVING = Set.of("Terminating", "Terminating:Wait", "Terminating:Proceed",
            "Terminated", "Warmed:Terminating", "Warmed:Terminating:Wait", "Warmed:Terminating:Proceed",
            "Warmed:Terminated");

    private final InstanceDirectory ec2;
    private final LifecycleActions autoScaling;
    private final Set<String> instanceIds = new LinkedHashSet<>();
    private final Set<String> hookInstanceIds = new LinkedHashSet<>();
    private Map<String, InstanceState> states = Map.of();
    private Map<String, String> lifecycleStates;

    TerminationConfirmations(InstanceDirectory ec2, LifecycleActions autoScaling, List<LifecycleEvent> batch) {
        this.ec2 = ec2;
        this.autoScaling = autoScaling;
        for (LifecycleEvent event : batch) {
            if (event instanceof LifecycleEvent.Terminated terminated) {
                instanceIds.add(terminated.instanceId());
            } else if (event instanceof LifecycleEvent.HookAction action
                    && action.hook().transition() == LifecycleHook.Transition.TERMINATING) {
                hookInstanceIds.add(action.instanceId());
            }
        }
    }

    /** What EC2 says of the instance now (asked with the rest of the batch on first use; a failed ask is asked again). */
    InstanceState stateOf(String instanceId) {
        if (!states.containsKey(instanceId)) {
            instanceIds.add(instanceId);
            states = ec2.states(instanceIds);
        }
        return states.get(instanceId);
    }

    /**
     * Empty when Auto Scaling says the instance of a terminate hook action is leaving its group, or
     * does not know it and EC2 bears out its termination; else what they say instead. While the
     * action waits, EC2 still says the instance runs: only Auto Scaling can tell a real action
     * from a forged one.
     */
    Optional<String> notLeaving(String instanceId) {
        if (lifecycleStates == null || !hookInstanceIds.contains(instanceId)) {
            hookInstanceIds.add(instanceId);
            lifecycleStates = autoScaling.lifecycleStates(hookInstanceIds);
        }
        String lifecycleState = lifecycleStates.get(instanceId);
        if (lifecycleState != null) {
            return LEAVING.contains(lifecycleState) ? Optional.empty()
                    : Optional.of("Auto Scaling has it " + lifecycleState);
        }
        InstanceState state = stateOf(instanceId);
        return state.confirmsTermination() ? Optional.empty()
                : Optional.of("Auto Scaling does not know it and EC2 has it " + state);
    }
}
