package io.adoec2.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.aws.AwsClients;
import io.adoec2.aws.sign.Credentials;
import io.adoec2.aws.sign.CredentialsSource;
import io.adoec2.azuredevops.simulator.AzureDevOpsSimulator;
import io.adoec2.azuredevops.simulator.SimulatorOptions;
import io.adoec2.testing.LocalAws;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SnapStart's priming hook, called as Lambda calls it before a snapshot: it must run the handler
 * path to the end without a network call and without resolving the function's credentials,
 * neither of which may be frozen into a snapshot.
 */
class PrimingTest {

    /** Counts every time a client asks for the function's credentials: each AWS request does, before it is sent. */
    private static final class CountingCredentials implements CredentialsSource {
        final AtomicInteger resolved = new AtomicInteger();

        @Override
        public Credentials credentials() {
            resolved.incrementAndGet();
            return Credentials.of("testing", "testing");
        }
    }

    @Test
    void beforeCheckpointRunsBothHandlersWithoutNetworkOrCredentials() {
        CountingCredentials credentials = new CountingCredentials();
        try (AzureDevOpsSimulator azureDevOps = AzureDevOpsSimulator.start(SimulatorOptions.defaults());
             AwsClients aws = new AwsClients(LocalAws.REGION, credentials)) {
            FunctionConfig config = FunctionConfig.fromEnvironment(Map.of(
                    FunctionConfig.TABLE_NAME, "records",
                    FunctionConfig.ADO_ORGANIZATION_URL, azureDevOps.organizationUrl("contoso").toString(),
                    FunctionConfig.ADO_PAT_PARAMETER, "/ado-ec2-lifecycle/pat",
                    FunctionConfig.RECHECK_QUEUE_URL, "https://sqs.eu-west-1.amazonaws.com/123456789012/lifecycle"));

            new Priming(config, aws).beforeCheckpoint(null);

            assertThat(credentials.resolved).as("AWS requests (each resolves credentials first)").hasValue(0);
            assertThat(azureDevOps.calls().all()).as("Azure DevOps requests").isEmpty();
        }
    }
}
