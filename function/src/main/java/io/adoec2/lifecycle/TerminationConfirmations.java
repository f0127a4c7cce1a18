package io.adoec2.lifecycle;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EC2's word on the instances a batch of events says are terminated, asked once for the whole
 * batch (one DescribeInstances of up to 200 ids) when the first of them is handled. A termination
 * is acted on only when EC2 bears it out: anyone who may publish to the topic or send to the queue
 * could otherwise have the function delete a live instance's VM resource.
 */
final class TerminationConfirmations {
    private final InstanceDirectory ec2;
    private final Set<String> instanceIds = new LinkedHashSet<>();
    private Map<String, InstanceState> states = Map.of();

    TerminationConfirmations(InstanceDirectory ec2, List<LifecycleEvent> batch) {
        this.ec2 = ec2;
        batch.stream().filter(LifecycleEvent.Terminated.class::isInstance).map(LifecycleEvent::instance)
                .forEach(instanceIds::add);
    }

    /** What EC2 says of the instance now (asked with the rest of the batch on first use; a failed ask is asked again). */
    InstanceState stateOf(String instanceId) {
        if (!states.containsKey(instanceId)) {
            instanceIds.add(instanceId);
            states = ec2.states(instanceIds);
        }
        return states.get(instanceId);
    }
}
