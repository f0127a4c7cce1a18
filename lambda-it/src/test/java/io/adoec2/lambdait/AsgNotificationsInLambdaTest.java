package io.adoec2.lambdait;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.RegistrationStatus;
import io.adoec2.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The SNS function (functions.json: asg-notifications) as AWS runs it: the deployed jar in the
 * Runtime Interface Emulator, fed the notification JSON SNS delivers, against moto and the
 * Azure DevOps simulator.
 */
class AsgNotificationsInLambdaTest {
    private static final String FUNCTION = "asg-notifications";

    private final LocalPeers peers = LocalPeers.shared();
    private final LambdaEmulator lambda = EmulatedFunctions.running(FUNCTION);

    private Invocation deliver(String fixture, String instanceId) {
        return lambda.invoke(Fixtures.event("sns/" + fixture, Map.of("instanceId", instanceId, "group", "web-asg",
                "messageId", UUID.randomUUID().toString())));
    }

    @Test
    void aLaunchIsRecordedAndTheTerminationRemovesTheVmResource() {
        String instanceId = peers.launchInstance();

        Invocation launch = deliver("launch.json", instanceId);

        assertThat(launch.status()).isEqualTo(200);
        assertThat(launch.errorType()).as(launch.body()).isEmpty();
        InstanceRecord launched = peers.store.find(instanceId).orElseThrow();
        assertThat(launched.status()).isEqualTo(RegistrationStatus.LAUNCHING);
        assertThat(launched.environmentId()).contains(peers.environment.id());
        assertThat(launched.resourceTags()).containsExactly("web", "linux");

        peers.environment.registerVm(instanceId, List.of("web", "linux"));
        peers.ec2.terminate(instanceId);
        Invocation terminate = deliver("terminate.json", instanceId);

        assertThat(terminate.errorType()).as(terminate.body()).isEmpty();
        assertThat(peers.environment.vm(instanceId)).as("the VM resource in Azure DevOps").isEmpty();
        assertThat(peers.store.find(instanceId).orElseThrow().status()).isEqualTo(RegistrationStatus.DEREGISTERED);
    }

    @Test
    void aNotificationThatCannotBeParsedFailsTheInvocationSoLambdaRetriesIt() {
        Invocation invocation = deliver("launch-missing-instance-id.json", "i-0123456789abcdef0");

        assertThat(invocation.status()).as("a function error is still HTTP 200").isEqualTo(200);
        assertThat(invocation.errorType()).contains("io.adoec2.handler.DeliveryFailedException");
        assertThat(invocation.json().path("errorMessage").asText()).contains("1 of 1 sns message(s) failed");
    }
}
