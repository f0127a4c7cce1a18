package io.adoec2.lambdait;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.testing.Fixtures;
import io.adoec2.testing.TerraformFunctions;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * SnapStart's init as the runtime interface client runs it: with AWS_LAMBDA_INITIALIZATION_TYPE
 * snap-start it builds the function, calls the CRaC hooks registered through {@code org.crac}
 * (bound to Lambda's implementation, as the managed runtime binds it) and then asks Lambda for
 * the restore. The emulator takes no snapshot and answers that request with 404, so the run ends
 * there; by then the priming hook has run, or the client would have reported its failure instead.
 * An on-demand init (what every function gets with {@code snap_start_enabled = false}) registers no
 * hook at all, so it loads neither the priming nor org.crac's bridge to the runtime.
 */
class SnapStartInLambdaTest {
    private final LocalPeers peers = LocalPeers.shared();
    private final EmulatedFunctions functions = new EmulatedFunctions(peers);

    @Test
    void beforeTheSnapshotThePrimingHookWarmsTheHandlerPathWithoutCallingAzureDevOps() {
        TerraformFunctions.Function notifications = functions.terraform().function("asg-notifications");
        long azureDevOpsCalls = peers.azureDevOps.calls().total();
        // Class loading is logged, so the log shows what the hook ran: the SNS function itself never
        // loads the queue handler, only the priming of both handlers does.
        try (LambdaEmulator lambda = functions.start(notifications,
                ManagedRuntime.DEFAULT_JAVA_TOOL_OPTIONS + " -Xlog:class+load=info:stdout",
                Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"))) {

            Invocation invocation = lambda.invoke(Fixtures.event("sns/test-notification.json",
                    Map.of("messageId", UUID.randomUUID().toString(), "group", "web-asg")));

            assertThat(invocation.json().path("errorMessage").asText())
                    .as("the runtime got past the hooks to ask for its restore; output:%n%s", lambda.tail())
                    .contains("/runtime/restore/next");
            assertThat(lambda.output()).as("the priming hook loaded the queue handler")
                    .anyMatch(line -> line.contains(" io.adoec2.handler.LifecycleQueueHandler "));
            assertThat(lambda.output()).noneMatch(line -> line.contains("BeforeCheckpointError"));
        }
        assertThat(peers.azureDevOps.calls().total()).as("calls to Azure DevOps").isEqualTo(azureDevOpsCalls);
    }

    @Test
    void anOnDemandStartRegistersNoHookAndStillHandlesTheLaunch() {
        TerraformFunctions.Function notifications = functions.terraform().function("asg-notifications");
        String instanceId = peers.launchInstance();
        try (LambdaEmulator lambda = functions.start(notifications,
                ManagedRuntime.DEFAULT_JAVA_TOOL_OPTIONS + " -Xlog:class+load=info:stdout",
                Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"))) {

            Invocation launch = lambda.invoke(Fixtures.event("sns/launch.json", Map.of("instanceId", instanceId,
                    "group", "web-asg", "messageId", UUID.randomUUID().toString())));

            assertThat(launch.errorType()).as(launch.body()).isEmpty();
            assertThat(peers.store.find(instanceId)).as("the launch's record").isPresent();
            assertThat(lambda.output()).as("classes loaded by an on-demand cold start")
                    .noneMatch(line -> line.contains(" org.crac."))
                    .noneMatch(line -> line.contains(" io.adoec2.handler.Priming "));
        }
    }
}
