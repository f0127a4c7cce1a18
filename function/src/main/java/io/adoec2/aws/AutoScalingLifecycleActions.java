package io.adoec2.aws;

import io.adoec2.aws.call.AwsCallException;
import io.adoec2.aws.call.AwsOperation;
import io.adoec2.aws.call.AwsQueryCall;
import io.adoec2.aws.call.XmlNode;
import io.adoec2.lifecycle.LifecycleActions;
import io.adoec2.lifecycle.LifecycleHook;
import io.adoec2.observe.InvocationMetrics;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CompleteLifecycleAction, RecordLifecycleActionHeartbeat and DescribeAutoScalingInstances,
 * through the Auto Scaling Query API. An action Auto Scaling no longer holds (completed before, or
 * timed out) is answered with a ValidationError; that is "nothing left to do", not a failure.
 * Completions by result, and actions no longer held, are counted in the invocation's metrics.
 */
public final class AutoScalingLifecycleActions implements LifecycleActions {
    /** DescribeAutoScalingInstances takes at most 50 InstanceIds and answers at most 50 records a page. */
    static final int MAX_IDS_PER_REQUEST = 50;
    private final AwsQueryCall autoScaling;
    private final InvocationMetrics metrics;

    public AutoScalingLifecycleActions(AwsQueryCall autoScaling, InvocationMetrics metrics) {
        this.autoScaling = autoScaling;
        this.metrics = metrics;
    }

    @Override
    public boolean complete(LifecycleHook hook, String instanceId, Result result) {
        boolean held = held(() -> autoScaling.call(AwsOperation.AUTO_SCALING_COMPLETE_LIFECYCLE_ACTION, Map.of(
                "AutoScalingGroupName", hook.autoScalingGroup(),
                "LifecycleHookName", hook.hookName(),
                "LifecycleActionToken", hook.token(),
                "LifecycleActionResult", result.name(),
                "InstanceId", instanceId)));
        if (held) {
            metrics.hookCompleted(result);
        }
        return held;
    }

    @Override
    public boolean heartbeat(LifecycleHook hook, String instanceId) {
        return held(() -> autoScaling.call(AwsOperation.AUTO_SCALING_RECORD_LIFECYCLE_ACTION_HEARTBEAT, Map.of(
                "AutoScalingGroupName", hook.autoScalingGroup(),
                "LifecycleHookName", hook.hookName(),
                "LifecycleActionToken", hook.token(),
                "InstanceId", instanceId)));
    }

    /** Unknown ids are left out of Auto Scaling's answer, not refused. */
    @Override
    public Map<String, String> lifecycleStates(Collection<String> instanceIds) {
        List<String> ids = instanceIds.stream().distinct().filter(Ec2Instances::wellFormed).toList();
        Map<String, String> states = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_REQUEST) {
            Map<String, String> parameters = new HashMap<>();
            List<String> chunk = ids.subList(from, Math.min(from + MAX_IDS_PER_REQUEST, ids.size()));
            for (int i = 0; i < chunk.size(); i++) {
                parameters.put("InstanceIds.member." + (i + 1), chunk.get(i));
            }
            parameters.put("MaxRecords", Integer.toString(MAX_IDS_PER_REQUEST));
            Optional<String> nextToken = Optional.empty();
            do {
                nextToken.ifPresent(token -> parameters.put("NextToken", token));
                XmlNode result = autoScaling.call(AwsOperation.AUTO_SCALING_DESCRIBE_AUTO_SCALING_INSTANCES, parameters)
                        .child("DescribeAutoScalingInstancesResult").orElseThrow(() -> new IllegalStateException(
                                "Auto Scaling answered DescribeAutoScalingInstances without a result"));
                for (XmlNode instance : result.list("AutoScalingInstances", "member")) {
                    states.put(instance.requiredText("InstanceId"), instance.requiredText("LifecycleState"));
                }
                nextToken = result.text("NextToken").filter(token -> !token.isBlank());
            } while (nextToken.isPresent());
        }
        return states;
    }

    private boolean held(Runnable call) {
        try {
            call.run();
            return true;
        } catch (AwsCallException e) {
            if (e.httpStatus() == 400 && e.errorCode().filter("ValidationError"::equals).isPresent()) {
                metrics.hookNotHeld();
                return false;
            }
            throw e;
        }
    }
}
