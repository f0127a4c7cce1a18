package io.adoec2.testing;

import io.adoec2.aws.AwsClients;
import io.adoec2.aws.DynamoDbRegistrationStore;
import io.adoec2.aws.call.JdkAwsHttp;
import io.adoec2.azuredevops.RequiredScopes;
import io.adoec2.azuredevops.RestClientSettings;
import io.adoec2.azuredevops.simulator.AzureDevOpsSimulator;
import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.azuredevops.simulator.SimOrganization;
import io.adoec2.azuredevops.simulator.SimulatorOptions;
import io.adoec2.handler.FunctionConfig;
import io.adoec2.handler.FunctionRuntime;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.TagContract;
import io.adoec2.observe.EventLog;
import io.adoec2.observe.InvocationMetrics;
import io.adoec2.retry.Sleeper;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The function wired as in Lambda, against real peers: a fresh table and PAT parameter in the
 * shared moto server, and an Azure DevOps simulator with organization {@value #ORGANIZATION},
 * project {@value #PROJECT} and environment {@value #ENVIRONMENT}. Log lines are kept.
 */
public final class FunctionHarness implements AutoCloseable {
    public static final String ORGANIZATION = "contoso";
    public static final String PROJECT = "Platform";
    public static final String ENVIRONMENT = "production";
    public static final String FUNCTION_IDENTITY = "ado-ec2-lifecycle";
    /** A second configured organization, whose Azure DevOps does not accept the function's PAT. */
    public static final String FOREIGN_ORGANIZATION = "fabrikam";

    /** Every AWS request the function sends, as {@code service:Action}. */
    public final AwsCallLog awsCalls = new AwsCallLog(JdkAwsHttp.create());
    public final AwsClients aws = LocalAws.recordingClients(awsCalls);
    public final Ec2Fixtures ec2 = new Ec2Fixtures(aws);
    public final AzureDevOpsSimulator simulator;
    public final SimOrganization organization;
    public final SimEnvironment environment;
    public final String pat = "PLANTEDPAT" + LocalAws.unique("x").replace("-", "");
    /** Every line the functions wrote, the invocations' metric lines included; each is read by {@link EmittedMetrics}. */
    public final List<String> logLines = new CopyOnWriteArrayList<>();
    public final AutoScalingEndpoint autoScaling = AutoScalingEndpoint.shared();
    public final SqsFixtures sqs = new SqsFixtures(aws);
    /** The function's own queue, where its re-checks wait out their delay (one second here). */
    public final String recheckQueue = sqs.createQueue(LocalAws.unique("lifecycle"));
    public final FunctionRuntime runtime;
    /** The registration table and the PAT's SSM parameter, as the function's environment names them. */
    public final String table = LocalAws.unique("records");
    public final String patParameter = "/" + LocalAws.unique("ado-pat");

    public FunctionHarness(Clock clock) {
        this(clock, Map.of());
    }

    public FunctionHarness(Clock clock, Map<String, String> extraEnvironment) {
        this(clock, extraEnvironment, Sleeper.system());
    }

    /**
     * @param azureDevOpsWaits how Azure DevOps' delays (the simulator holding an answer back) and the
     *                         client's waits (pacing, Retry-After, backoff) pass: a test of throttling
     *                         passes them without sleeping
     */
    public FunctionHarness(Clock clock, Map<String, String> extraEnvironment, Sleeper azureDevOpsWaits) {
        simulator = AzureDevOpsSimulator.start(SimulatorOptions.defaults().withPause(azureDevOpsWaits::sleep));
        organization = simulator.organization(ORGANIZATION);
        environment = organization.project(PROJECT).environment(ENVIRONMENT);
        DynamoDbRegistrationStore.createTable(aws.dynamoDb(), table);
        SsmFixtures.putSecureString(aws, patParameter, pat);
        // Exactly the scopes docs/deployment.md asks for: every handler test proves they suffice.
        organization.addPat(pat, FUNCTION_IDENTITY, RequiredScopes.FUNCTIONS);
        Map<String, String> env = new HashMap<>(Map.of(FunctionConfig.TABLE_NAME, table,
                FunctionConfig.ADO_ORGANIZATION_URL, simulator.organizationUrl(ORGANIZATION).toString(),
                FunctionConfig.ADO_PAT_PARAMETER, patParameter, FunctionConfig.RECHECK_QUEUE_URL, recheckQueue,
                FunctionConfig.RECHECK_INTERVAL_SECONDS, "1",
                FunctionConfig.ADO_ORGANIZATIONS, simulator.organizationUrl(FOREIGN_ORGANIZATION).toString()));
        simulator.organization(FOREIGN_ORGANIZATION).project(PROJECT).environment(ENVIRONMENT);
        env.putAll(extraEnvironment);
        if (extraEnvironment.containsKey(FunctionConfig.ADO_AUTH_MODE)) {
            // Another mode than pat: the PAT parameter would be a setting of the wrong mode.
            env.remove(FunctionConfig.ADO_PAT_PARAMETER);
        }
        runtime = FunctionRuntime.create(FunctionConfig.fromEnvironment(env), aws, clock, new EventLog(line -> {
            logLines.add(line);
            EmittedMetrics.read(line);
        }, clock), RestClientSettings.defaults().withSleeper(azureDevOpsWaits));
    }

    /** The last line about an event (not an invocation's metric line, which ends each invocation). */
    public String lastEvent() {
        return logLines.reversed().stream().filter(line -> !line.contains(InvocationMetrics.MESSAGE)).findFirst()
                .orElseThrow(() -> new AssertionError("no event was logged"));
    }

    /** The invocations' metric lines, oldest first. */
    public List<String> metricLines() {
        return logLines.stream().filter(line -> line.contains(InvocationMetrics.MESSAGE)).toList();
    }

    /** The tags an Auto Scaling group of this harness's environment propagates to its instances. */
    public static Map<String, String> groupTags(String resourceTags) {
        return Map.of(TagContract.PROJECT, PROJECT, TagContract.ENVIRONMENT, ENVIRONMENT,
                TagContract.RESOURCE_TAGS, resourceTags);
    }

    public String launchInstance(Map<String, String> tags) {
        return ec2.runInstances(1, tags).getFirst();
    }

    public Optional<InstanceRecord> record(String instanceId) {
        return runtime.store().find(instanceId);
    }

    /** The function's own calls to Azure DevOps, by operation. */
    public Map<String, Long> functionCalls() {
        Map<String, Long> counts = new HashMap<>();
        simulator.calls().all().stream().filter(call -> call.identity().equals(FUNCTION_IDENTITY))
                .forEach(call -> counts.merge(call.operation(), 1L, Long::sum));
        return counts;
    }

    @Override
    public void close() {
        simulator.close();
        aws.close();
    }
}
