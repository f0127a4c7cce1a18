package io.adoec2.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.adoec2.aws.AutoScalingLifecycleActions;
import io.adoec2.aws.AwsClients;
import io.adoec2.aws.DynamoDbRegistrationStore;
import io.adoec2.aws.Ec2Instances;
import io.adoec2.aws.SqsRechecks;
import io.adoec2.azuredevops.AzureDevOpsRestClient;
import io.adoec2.azuredevops.RestClientSettings;
import io.adoec2.azuredevops.TokenSource;
import io.adoec2.lifecycle.EnvironmentResolver;
import io.adoec2.lifecycle.Lifecycle;
import io.adoec2.lifecycle.LifecycleActions;
import io.adoec2.lifecycle.ManualDeregistration;
import io.adoec2.lifecycle.Organizations;
import io.adoec2.lifecycle.Rechecks;
import io.adoec2.lifecycle.RegistrationStore;
import io.adoec2.lifecycle.reconcile.Reconciler;
import io.adoec2.observe.EventLog;
import io.adoec2.observe.InvocationMetrics;
import io.adoec2.retry.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Everything a handler needs, built once per Lambda container. Building does no network call:
 * clients connect on first use, so a SnapStart snapshot holds no connection or credential.
 */
public final class FunctionRuntime {
    /**
     * Time kept back from Lambda's remaining time: enough to write the answer and the log lines
     * after the last call gave up, so the invocation ends by itself instead of being timed out.
     */
    static final Duration DEADLINE_MARGIN = Duration.ofSeconds(3);

    private static FunctionRuntime shared;
    /** SnapStart's hook, registered only under SnapStart; held here because CRaC contexts hold their resources weakly. */
    @SuppressWarnings("unused")
    private static Priming priming;

    private final Dispatch dispatch;
    private final Reconciler reconciler;
    private final RegistrationStore store;
    private final EventLog log;
    private final Clock clock;
    private final ManualDeregistration manualDeregistration;
    private final InvocationMetrics metrics;

    /**
     * @param messageReserve the time left below which a batch takes no further message: one Azure
     *                       DevOps request's timeout, so a message started is not cut off half way
     */
    public FunctionRuntime(Lifecycle lifecycle, Reconciler reconciler, ManualDeregistration manualDeregistration,
                           RegistrationStore store, EventLog log, Clock clock, Duration messageReserve,
                           InvocationMetrics metrics) {
        this.dispatch = new Dispatch(lifecycle, log, messageReserve);
        this.reconciler = reconciler;
        this.manualDeregistration = manualDeregistration;
        this.store = store;
        this.log = log;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * The runtime of the given configuration on the given AWS clients. {@code clock} is the
     * time records are stamped with; caches of credentials use real time.
     */
    public static FunctionRuntime create(FunctionConfig config, AwsClients aws, Clock clock, EventLog log) {
        return create(config, aws, clock, log, RestClientSettings.defaults());
    }

    /** The same, with the Azure DevOps client's waiting supplied (tests pass time without sleeping). */
    public static FunctionRuntime create(FunctionConfig config, AwsClients aws, Clock clock, EventLog log,
                                         RestClientSettings azureDevOpsClient) {
        Rechecks rechecks = config.recheckQueueUrl()
                .<Rechecks>map(url -> new SqsRechecks(aws.sqs(), url))
                .orElse((next, delay) -> {
                    throw new IllegalStateException(FunctionConfig.RECHECK_QUEUE_URL
                            + " is not set: lifecycle hooks need the queue to look at held instances again");
                });
        return create(config, aws, new AutoScalingLifecycleActions(aws.autoScaling(), azureDevOpsClient.metrics()),
                rechecks, clock, log, azureDevOpsClient);
    }

    /** The same, with Auto Scaling's actions and the re-check queue supplied (simulate supplies its own). */
    public static FunctionRuntime create(FunctionConfig config, AwsClients aws, LifecycleActions actions,
                                         Rechecks rechecks, Clock clock, EventLog log) {
        return create(config, aws, actions, rechecks, clock, log, RestClientSettings.defaults());
    }

    /**
     * The same, with the Azure DevOps client's waiting supplied (its sleeper, clock and jitter):
     * simulate passes simulated time, so a Retry-After costs no real time and a seed replays a run.
     * The request timeout still comes from the configuration; the settings' metrics are the runtime's.
     */
    public static FunctionRuntime create(FunctionConfig config, AwsClients aws, LifecycleActions actions,
                                         Rechecks rechecks, Clock clock, EventLog log,
                                         RestClientSettings azureDevOpsClient) {
        RegistrationStore store = new DynamoDbRegistrationStore(aws.dynamoDb(), config.tableName());
        Ec2Instances ec2 = new Ec2Instances(aws.ec2());
        RestClientSettings settings = azureDevOpsClient.withRequestTimeout(config.azureDevOpsTimeout());
        TokenSource tokens = AzureDevOpsTokens.of(config.auth(), aws, settings);
        Organizations organizations = new ConfiguredOrganizations(config.defaultOrganization(),
                config.organizations(), url -> new AzureDevOpsRestClient(url.uri(), tokens, settings));
        EnvironmentResolver resolver = new EnvironmentResolver(organizations);
        Lifecycle lifecycle = new Lifecycle(store, ec2, ec2, organizations, resolver, actions, rechecks, config.hooks(),
                clock, config.recordRetention());
        Reconciler reconciler = new Reconciler(store, ec2, ec2, organizations, resolver, config.reconcile(), clock,
                config.recordRetention());
        ManualDeregistration manual = new ManualDeregistration(store, ec2, organizations, resolver, config.hooks(),
                clock, config.recordRetention());
        return new FunctionRuntime(lifecycle, reconciler, manual, store, log, clock, config.azureDevOpsTimeout(),
                settings.metrics());
    }

    /**
     * The container's runtime, from the Lambda environment, made on first use. Not a static
     * initializer: a configuration error thrown from one reaches Lambda as an
     * ExceptionInInitializerError without the sentence that names the variable; thrown from here, it
     * fails the handler's construction (the function's init) with that sentence as its message.
     */
    static synchronized FunctionRuntime shared() {
        if (shared == null) {
            Map<String, String> environment = System.getenv();
            FunctionConfig config = FunctionConfig.fromEnvironment(environment);
            AwsClients aws = AwsClients.fromEnvironment();
            shared = create(config, aws, Clock.systemUTC(), EventLog.toStandardOutput());
            // An on-demand init would never run the hook, yet registering it loads org.crac's bridge
            // to the runtime (a reflection Proxy: about 90 classes).
            if (InitializationType.takesSnapshot(environment)) {
                priming = Priming.register(config, aws);
            }
        }
        return shared;
    }

    /**
     * The invocation's deadline: Lambda's remaining time less {@link #DEADLINE_MARGIN}, on this
     * runtime's clock (simulated time in simulate). None without a context (priming).
     */
    Deadline deadline(Context context) {
        if (context == null) {
            return Deadline.none();
        }
        return Deadline.after(clock, Duration.ofMillis(context.getRemainingTimeInMillis()), DEADLINE_MARGIN);
    }

    /**
     * Writes the invocation's calls to Azure DevOps and Auto Scaling as one metric line, by event
     * source (sns, sqs, schedule); each handler calls it as its invocation ends, however it ends.
     */
    void flushMetrics(String source) {
        metrics.flush(log, source);
    }

    public Dispatch dispatch() {
        return dispatch;
    }

    public Reconciler reconciler() {
        return reconciler;
    }

    /** The operator's {@code deregister}: built here so it follows the functions' configuration and rules. */
    public ManualDeregistration manualDeregistration() {
        return manualDeregistration;
    }

    public RegistrationStore store() {
        return store;
    }

    public EventLog log() {
        return log;
    }
}
