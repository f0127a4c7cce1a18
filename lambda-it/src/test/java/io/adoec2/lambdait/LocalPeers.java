package io.adoec2.lambdait;

import io.adoec2.aws.AwsClients;
import io.adoec2.aws.DynamoDbRegistrationStore;
import io.adoec2.azuredevops.simulator.AzureDevOpsSimulator;
import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.azuredevops.simulator.SimOrganization;
import io.adoec2.azuredevops.simulator.SimulatorOptions;
import io.adoec2.handler.FunctionConfig;
import io.adoec2.lifecycle.TagContract;
import io.adoec2.localaws.MotoServer;
import io.adoec2.testing.AutoScalingEndpoint;
import io.adoec2.testing.Ec2Fixtures;
import io.adoec2.testing.LocalAws;
import io.adoec2.testing.SqsFixtures;
import io.adoec2.testing.SsmFixtures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cloud around the emulated functions, in this JVM: moto's server (DynamoDB, EC2, SSM, SQS),
 * the Auto Scaling endpoint that checks lifecycle actions against the API model, and the Azure
 * DevOps simulator with organization {@value #ORGANIZATION}, project {@value #PROJECT} and
 * environment {@value #ENVIRONMENT}. One table, PAT parameter and re-check queue serve every
 * function; tests keep apart by using instances of their own.
 */
final class LocalPeers implements AutoCloseable {
    static final String ORGANIZATION = "contoso";
    static final String PROJECT = "Platform";
    static final String ENVIRONMENT = "production";
    static final String FUNCTION_IDENTITY = "ado-ec2-lifecycle";

    private static LocalPeers shared;

    final AwsClients aws = LocalAws.clients();
    final Ec2Fixtures ec2 = new Ec2Fixtures(aws);
    final SqsFixtures sqs = new SqsFixtures(aws);
    final AutoScalingEndpoint autoScaling = AutoScalingEndpoint.shared();
    final AzureDevOpsSimulator azureDevOps = AzureDevOpsSimulator.start(SimulatorOptions.defaults());
    final SimEnvironment environment;
    final DynamoDbRegistrationStore store;
    private final String table = LocalAws.unique("records");
    private final String patParameter = "/" + LocalAws.unique("ado-pat");
    private final String recheckQueue = sqs.createQueue(LocalAws.unique("lifecycle"));

    private LocalPeers() {
        DynamoDbRegistrationStore.createTable(aws.dynamoDb(), table);
        store = new DynamoDbRegistrationStore(aws.dynamoDb(), table);
        String pat = "pat" + LocalAws.unique("").replace("-", "");
        SsmFixtures.putSecureString(aws, patParameter, pat);
        SimOrganization organization = azureDevOps.organization(ORGANIZATION);
        organization.addPat(pat, FUNCTION_IDENTITY);
        environment = organization.project(PROJECT).environment(ENVIRONMENT);
    }

    /** One set per JVM: each emulator keeps the configuration it started with for its whole life. */
    static synchronized LocalPeers shared() {
        if (shared == null) {
            shared = new LocalPeers();
        }
        return shared;
    }

    /**
     * A value for each variable the function reads, as the Terraform module's
     * {@code environment_values} has one for each: a name added to functions.json needs one here.
     */
    Map<String, String> functionVariables() {
        Map<String, String> values = new HashMap<>();
        values.put(FunctionConfig.TABLE_NAME, table);
        values.put(FunctionConfig.ADO_ORGANIZATION_URL, azureDevOps.organizationUrl(ORGANIZATION).toString());
        values.put(FunctionConfig.ADO_ORGANIZATIONS, "fabrikam");
        values.put(FunctionConfig.ADO_PAT_PARAMETER, patParameter);
        values.put(FunctionConfig.ADO_PAT_CACHE_SECONDS, "300");
        values.put(FunctionConfig.RECORD_RETENTION_DAYS, "30");
        values.put(FunctionConfig.ADO_TIMEOUT_SECONDS, "10");
        values.put(FunctionConfig.RECHECK_QUEUE_URL, recheckQueue);
        values.put(FunctionConfig.REGISTRATION_TIMEOUT_SECONDS, "600");
        values.put(FunctionConfig.DRAIN_LIMIT_SECONDS, "3600");
        values.put(FunctionConfig.RECHECK_INTERVAL_SECONDS, "30");
        values.put(FunctionConfig.HOOK_HEARTBEAT_TIMEOUT_SECONDS, "300");
        values.put(FunctionConfig.RECONCILE_ENVIRONMENTS,
                azureDevOps.organizationUrl(ORGANIZATION) + "/" + PROJECT + "/" + ENVIRONMENT);
        values.put(FunctionConfig.RECONCILE_CONFIRM_MINUTES, "4");
        values.put(FunctionConfig.RECONCILE_BOOT_GRACE_MINUTES, "15");
        // PAT mode, as the module deploys by default: main.tf leaves the Entra settings unset.
        values.put(FunctionConfig.ADO_AUTH_MODE, "pat");
        for (String entra : List.of(FunctionConfig.ENTRA_AUTHORITY_URL, FunctionConfig.ENTRA_TENANT_ID,
                FunctionConfig.ENTRA_CLIENT_ID, FunctionConfig.ENTRA_CLIENT_SECRET_PARAMETER,
                FunctionConfig.ENTRA_CLIENT_CERTIFICATE_PARAMETER, FunctionConfig.ENTRA_FEDERATION_AUDIENCE,
                FunctionConfig.ENTRA_ASSERTION_SECONDS)) {
            values.put(entra, null);
        }
        return values;
    }

    /**
     * Where the function's AWS calls go and who it is, as the Lambda service sets it up: region and
     * (fake) credentials; the endpoints through the SDK's standard override variables.
     */
    Map<String, String> awsVariables() {
        return Map.of(
                "AWS_REGION", LocalAws.REGION,
                "AWS_DEFAULT_REGION", LocalAws.REGION,
                "AWS_ACCESS_KEY_ID", "testing",
                "AWS_SECRET_ACCESS_KEY", "testing",
                "AWS_SESSION_TOKEN", "testing",
                "AWS_ENDPOINT_URL", MotoServer.shared().endpoint().toString(),
                "AWS_ENDPOINT_URL_AUTO_SCALING", autoScaling.endpoint().toString());
    }

    /** An EC2 instance tagged as an Auto Scaling group of this environment tags its instances. */
    String launchInstance() {
        return ec2.runInstances(1, Map.of(TagContract.PROJECT, PROJECT, TagContract.ENVIRONMENT, ENVIRONMENT,
                TagContract.RESOURCE_TAGS, "web, linux")).getFirst();
    }

    @Override
    public void close() {
        azureDevOps.close();
    }
}
