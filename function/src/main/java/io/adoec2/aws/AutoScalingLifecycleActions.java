package io.adoec2.aws;

import io.adoec2.aws.call.AwsCallException;
import io.adoec2.aws.call.AwsOperation;
import io.adoec2.aws.call.AwsQueryCall;
import io.adoec2.lifecycle.LifecycleActions;
import io.adoec2.lifecycle.LifecycleHook;
import java.util.Map;

/**
 * CompleteLifecycleAction and RecordLifecycleActionHeartbeat, through the Auto Scaling Query API.
 * An action Auto Scaling no longer holds (completed before, or timed out) is answered with a
 * ValidationError; that is "nothing left to do", not a failure.
 */
public final class AutoScalingLifecycleActions implements LifecycleActions {
    private final AwsQueryCall autoScaling;

    public AutoScalingLifecycleActions(AwsQueryCall autoScaling) {
        this.autoScaling = autoScaling;
    }

    @Override
    public boolean complete(LifecycleHook hook, String instanceId, Result result) {
        return held(() -> autoScaling.call(AwsOperation.AUTO_SCALING_COMPLETE_LIFECYCLE_ACTION, Map.of(
                "AutoScalingGroupName", hook.autoScalingGroup(),
                "LifecycleHookName", hook.hookName(),
                "LifecycleActionToken", hook.token(),
                "LifecycleActionResult", result.name(),
                "InstanceId", instanceId)));
    }

    @Override
    public boolean heartbeat(LifecycleHook hook, String instanceId) {
        return held(() -> autoScaling.call(AwsOperation.AUTO_SCALING_RECORD_LIFECYCLE_ACTION_HEARTBEAT, Map.of(
                "AutoScalingGroupName", hook.autoScalingGroup(),
                "LifecycleHookName", hook.hookName(),
                "LifecycleActionToken", hook.token(),
                "InstanceId", instanceId)));
    }

    private static boolean held(Runnable call) {
        try {
            call.run();
            return true;
        } catch (AwsCallException e) {
            if (e.httpStatus() == 400 && e.errorCode().filter("ValidationError"::equals).isPresent()) {
                return false;
            }
            throw e;
        }
    }
}
