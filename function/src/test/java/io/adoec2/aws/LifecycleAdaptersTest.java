package io.adoec2.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.events.Delivery;
import io.adoec2.events.sqs.SqsLifecycleEvents;
import io.adoec2.lifecycle.LifecycleActions;
import io.adoec2.lifecycle.LifecycleEvent;
import io.adoec2.lifecycle.LifecycleHook;
import io.adoec2.observe.EventLog;
import io.adoec2.observe.InvocationMetrics;
import io.adoec2.testing.AutoScalingEndpoint;
import io.adoec2.testing.Ec2Fixtures;
import io.adoec2.testing.Fixtures;
import io.adoec2.testing.LocalAws;
import io.adoec2.testing.SqsFixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Auto Scaling and SQS adapters against the API model and moto: what we send is what the
 * services accept, and a re-check comes back from the queue as the event it was.
 */
class LifecycleAdaptersTest {
    private final AwsClients aws = LocalAws.clients();
    private final AutoScalingEndpoint autoScaling = AutoScalingEndpoint.shared();

    private static LifecycleHook hook(String token) {
        return new LifecycleHook(LifecycleHook.Transition.LAUNCHING, "web-asg", "ado-registration", token);
    }

    @Test
    void completesAndHeartbeatsAHeldActionAsTheApiModelDescribes() {
        String token = UUID.randomUUID().toString();
        autoScaling.holds(token);
        InvocationMetrics metrics = new InvocationMetrics();
        AutoScalingLifecycleActions actions = new AutoScalingLifecycleActions(aws.autoScaling(), metrics);

        assertThat(actions.heartbeat(hook(token), "i-0123456789abcdef0")).isTrue();
        assertThat(actions.complete(hook(token), "i-0123456789abcdef0", LifecycleActions.Result.CONTINUE)).isTrue();
        List<String> lines = new ArrayList<>();
        metrics.flush(new EventLog(lines::add, Clock.systemUTC()), "sqs");
        assertThat(lines).singleElement().asString().contains("\"HookCompletedContinue\":1", "\"HookNotHeld\":0");

        assertThat(autoScaling.violations()).isEmpty();
        assertThat(autoScaling.requestsFor(token)).extracting(AutoScalingEndpoint.Request::action)
                .containsExactly("RecordLifecycleActionHeartbeat", "CompleteLifecycleAction");
        assertThat(autoScaling.requestsFor(token).getLast().parameters()).containsEntry("LifecycleActionResult", "CONTINUE")
                .containsEntry("AutoScalingGroupName", "web-asg").containsEntry("LifecycleHookName", "ado-registration")
                .containsEntry("InstanceId", "i-0123456789abcdef0");
        assertThat(autoScaling.stillHolds(token)).isFalse();
    }

    @Test
    void anActionNoLongerHeldIsNothingLeftToDoNotAFailure() {
        String token = UUID.randomUUID().toString();
        InvocationMetrics metrics = new InvocationMetrics();
        AutoScalingLifecycleActions actions = new AutoScalingLifecycleActions(aws.autoScaling(), metrics);

        assertThat(actions.complete(hook(token), "i-0123456789abcdef0", LifecycleActions.Result.ABANDON)).isFalse();
        assertThat(actions.heartbeat(hook(token), "i-0123456789abcdef0")).isFalse();
        assertThat(autoScaling.violations()).isEmpty();
        List<String> lines = new ArrayList<>();
        metrics.flush(new EventLog(lines::add, Clock.systemUTC()), "sqs");
        assertThat(lines).singleElement().asString().contains("\"HookNotHeld\":2", "\"HookCompletedAbandon\":0",
                "\"HookCompletedContinue\":0");
    }

    @Test
    void describesEachInstancesLifecycleStateInOneRequest() {
        String inService = new Ec2Fixtures(aws).autoScalingGroupInstance(LocalAws.unique("web-asg"),
                Map.of("team", "web"));
        String leaving = new Ec2Fixtures(aws).autoScalingGroupInstance(LocalAws.unique("web-asg"),
                Map.of("team", "web"));
        autoScaling.leaving(leaving, "web-asg");
        String unknown = "i-0fedcba9876543210";
        AutoScalingLifecycleActions actions = new AutoScalingLifecycleActions(aws.autoScaling(), new InvocationMetrics());

        Map<String, String> states = actions.lifecycleStates(List.of(inService, leaving, unknown, "i-*"));

        assertThat(states).as("moto's InService, Terminating:Wait answered in its place, the unknown left out")
                .containsExactlyInAnyOrderEntriesOf(Map.of(inService, "InService", leaving, "Terminating:Wait"));
        assertThat(autoScaling.violations()).isEmpty();
    }

    @Test
    void aRecheckComesBackFromTheQueueAsTheEventItWas() {
        SqsFixtures sqs = new SqsFixtures(aws);
        String queue = sqs.createQueue(LocalAws.unique("rechecks"));
        LifecycleEvent.HookAction next = new LifecycleEvent.HookAction("i-0123456789abcdef0",
                hook(UUID.randomUUID().toString()), Instant.parse("2026-11-25T09:12:43Z"), 2, "sqs:first");

        new SqsRechecks(aws.sqs(), queue).schedule(next, Duration.ofSeconds(1));

        assertThat(sqs.drain(queue, 0)).as("not visible before its delay").isEmpty();
        List<Fixtures.SqsMessage> delivered = sqs.drain(queue, 3);
        assertThat(delivered).hasSize(1);
        List<Delivery> parsed = SqsLifecycleEvents.parse(Fixtures.sqsBatch(delivered));
        assertThat(parsed.getFirst()).isInstanceOfSatisfying(Delivery.Parsed.class, p -> assertThat(p.event())
                .isEqualTo(new LifecycleEvent.HookAction(next.instanceId(), next.hook(), next.startedAt(), 2,
                        "sqs:" + delivered.getFirst().messageId())));
    }

    @Test
    void otherAutoScalingCallsStillReachMoto() {
        Map<String, String> tags = Map.of("AzDevOps-Project", "Platform");
        String instance = new Ec2Fixtures(aws).autoScalingGroupInstance(LocalAws.unique("asg"), tags);
        assertThat(instance).startsWith("i-");
    }
}
