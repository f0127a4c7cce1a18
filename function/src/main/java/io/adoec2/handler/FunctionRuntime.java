package io.adoec2.handler;

import io.adoec2.aws.AwsClients;
import io.adoec2.aws.DynamoDbRegistrationStore;
import io.adoec2.aws.Ec2Instances;
import io.adoec2.aws.SsmTokenSource;
import io.adoec2.azuredevops.AzureDevOpsRestClient;
import io.adoec2.azuredevops.RestClientSettings;
import io.adoec2.azuredevops.TokenSource;
import io.adoec2.lifecycle.EnvironmentResolver;
import io.adoec2.lifecycle.LaunchRecorder;
import io.adoec2.lifecycle.Lifecycle;
import io.adoec2.lifecycle.Organizations;
import io.adoec2.lifecycle.RegistrationStore;
import io.adoec2.lifecycle.TerminationCleaner;
import io.adoec2.observe.EventLog;
import java.time.Clock;

/**
 * Everything a handler needs, built once per Lambda container. Building does no network call:
 * clients connect on first use, so a SnapStart snapshot holds no connection or credential.
 */
public final class FunctionRuntime {
    private final Dispatch dispatch;
    private final RegistrationStore store;

    public FunctionRuntime(Lifecycle lifecycle, RegistrationStore store, EventLog log) {
        this.dispatch = new Dispatch(lifecycle, log);
        this.store = store;
    }

    /**
     * The runtime of the given configuration on the given AWS clients. {@code clock} is the
     * time records are stamped with; caches of credentials use real time.
     */
    public static FunctionRuntime create(FunctionConfig config, AwsClients aws, Clock clock, EventLog log) {
        RegistrationStore store = new DynamoDbRegistrationStore(aws.dynamoDb(), config.tableName());
        Ec2Instances ec2 = new Ec2Instances(aws.ec2());
        TokenSource pat = new SsmTokenSource(aws.ssm(), config.patParameter(), config.patCacheTtl(),
                Clock.systemUTC());
        RestClientSettings settings = RestClientSettings.defaults().withRequestTimeout(config.azureDevOpsTimeout());
        Organizations organizations = new ConfiguredOrganizations(config.defaultOrganization(),
                config.organizations(), url -> new AzureDevOpsRestClient(url.uri(), pat, settings));
        EnvironmentResolver resolver = new EnvironmentResolver(organizations);
        Lifecycle lifecycle = new Lifecycle(
                new LaunchRecorder(store, ec2, organizations, resolver, clock),
                new TerminationCleaner(store, ec2, organizations, resolver, clock, config.recordRetention()));
        return new FunctionRuntime(lifecycle, store, log);
    }

    /** The container's runtime, from the Lambda environment, made on first use. */
    static FunctionRuntime shared() {
        return Shared.RUNTIME;
    }

    public Dispatch dispatch() {
        return dispatch;
    }

    public RegistrationStore store() {
        return store;
    }

    private static final class Shared {
        static final FunctionRuntime RUNTIME = create(FunctionConfig.fromEnvironment(System.getenv()),
                AwsClients.fromEnvironment(), Clock.systemUTC(), EventLog.toStandardOutput());
    }
}
