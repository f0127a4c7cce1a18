package io.adoec2.cli.simulate;

import io.adoec2.aws.AwsClients;
import io.adoec2.aws.DynamoDbRegistrationStore;
import io.adoec2.aws.call.AwsHttp;
import io.adoec2.aws.call.JdkAwsHttp;
import io.adoec2.aws.sign.Credentials;
import io.adoec2.aws.sign.CredentialsSource;
import io.adoec2.handler.FunctionConfig;
import io.adoec2.lifecycle.RegistrationStore;
import io.adoec2.localaws.MotoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The AWS side of a simulation: moto's server on 127.0.0.1 with the registration table and
 * the PAT parameter the function reads, and the SDK settings that point the function's AWS
 * adapters at it (as the Lambda's environment points them at AWS). The function's requests go
 * through {@link FaultyAwsHttp}; setting up and looking at the outcome go around it. moto is
 * seeded, so the instance ids of a run repeat with its seed.
 */
public final class LocalCloud implements AutoCloseable {
    static final String TABLE = "ado-ec2-lifecycle-simulate";
    static final String PAT_PARAMETER = "/ado-ec2-lifecycle/simulate/pat";
    private static final String REGION = "eu-west-1";
    /** The access key the function's clients sign with (moto takes any). */
    static final String ACCESS_KEY = "simulate";

    private final MotoServer moto;
    private final Ec2Client ec2;
    private final SsmClient ssm;
    private final AwsClients direct;
    private final AwsClients function;
    private final Function<AwsClients, AwsHttp> functionHttp;
    private final Map<String, AwsClients> functionsAs = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param functionHttp the function's HTTP client, given the clients that go around it */
    private LocalCloud(MotoServer moto, Function<AwsClients, AwsHttp> functionHttp) {
        this.moto = moto;
        this.functionHttp = functionHttp;
        URI endpoint = moto.endpoint();
        // The function's adapters and the SDK both take endpoint overrides from this property.
        System.setProperty("aws.endpointUrl", endpoint.toString());
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY, "simulate"));
        CredentialsSource signing = CredentialsSource.fixed(Credentials.of(ACCESS_KEY, "simulate"));
        this.direct = new AwsClients(REGION, signing);
        this.function = new AwsClients(REGION, signing, functionHttp.apply(direct));
        this.ec2 = Ec2Client.builder().region(Region.of(REGION)).credentialsProvider(credentials)
                .endpointOverride(endpoint).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        this.ssm = SsmClient.builder().region(Region.of(REGION)).credentialsProvider(credentials)
                .endpointOverride(endpoint).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    static LocalCloud start(long seed, Chaos chaos, Invocations invocations) {
        return start(seed, direct -> new FaultyAwsHttp(JdkAwsHttp.create(), chaos, invocations,
                new CompetingWriter(direct.dynamoDb())));
    }

    /** A cloud whose function clients send straight to moto, no fault injected: for measuring. */
    public static LocalCloud withoutFaults() {
        return start(1, direct -> JdkAwsHttp.create());
    }

    private static LocalCloud start(long seed, Function<AwsClients, AwsHttp> functionHttp) {
        MotoServer moto = MotoServer.start();
        try {
            seed(moto, seed);
        } catch (RuntimeException e) {
            moto.close();
            throw e;
        }
        LocalCloud cloud = new LocalCloud(moto, functionHttp);
        DynamoDbRegistrationStore.createTable(cloud.direct.dynamoDb(), TABLE);
        return cloud;
    }

    /** moto's own random choices (instance ids, reservation ids) from the run's seed. */
    private static void seed(MotoServer moto, long seed) {
        try {
            HttpURLConnection connection = (HttpURLConnection) moto.endpoint()
                    .resolve("/moto-api/seed?a=" + Math.abs(seed % Integer.MAX_VALUE)).toURL().openConnection();
            connection.setRequestMethod("POST");
            try {
                if (connection.getResponseCode() != 200) {
                    throw new IllegalStateException("moto refused its seed: HTTP " + connection.getResponseCode());
                }
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot seed moto at " + moto.endpoint(), e);
        }
    }

    /** A fresh PAT, stored as the SecureString the function reads; only the simulator learns it besides. */
    public String newPat() {
        return newPat(PAT_PARAMETER);
    }

    /** A fresh PAT in a parameter of its own, for a second function (the reconciler). */
    public String newPat(String parameter) {
        return newSecret(parameter);
    }

    /** A fresh random credential (a PAT, an app's client secret) stored as a SecureString in this parameter. */
    public String newSecret(String parameter) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        StringBuilder pat = new StringBuilder();
        for (byte b : bytes) {
            pat.append("abcdefghijklmnopqrstuvwxyz234567".charAt((b & 0xff) % 32));
        }
        ssm.putParameter(r -> r.name(parameter).type(ParameterType.SECURE_STRING).value(pat.toString())
                .overwrite(true));
        return pat.toString();
    }

    /** The environment variables the Terraform module would give the Lambda. */
    public Map<String, String> functionEnvironment(String organizationUrl) {
        return functionEnvironment(organizationUrl, PAT_PARAMETER);
    }

    public Map<String, String> functionEnvironment(String organizationUrl, String patParameter) {
        return Map.of(FunctionConfig.TABLE_NAME, TABLE, FunctionConfig.ADO_ORGANIZATION_URL, organizationUrl,
                FunctionConfig.ADO_PAT_PARAMETER, patParameter);
    }

    /** The clients the function under simulation uses, as the Lambda builds them from its environment. */
    public AwsClients functionClients() {
        return function;
    }

    /**
     * Clients of another function of the deployment, signing with an access key of its own (its
     * role's, for the STS stand-in), through the same faults as {@link #functionClients()}.
     */
    public AwsClients functionClientsAs(String accessKeyId) {
        return functionsAs.computeIfAbsent(accessKeyId, key -> new AwsClients(REGION,
                CredentialsSource.fixed(Credentials.of(key, "simulate")),
                functionHttp.apply(direct)));
    }

    /** The registration records as they are, read around any injected fault. */
    RegistrationStore records() {
        return new DynamoDbRegistrationStore(direct.dynamoDb(), TABLE);
    }

    public Ec2Client ec2() {
        return ec2;
    }

    /** moto's endpoint, for a process of its own that talks to this cloud. */
    public URI endpoint() {
        return moto.endpoint();
    }

    public String region() {
        return REGION;
    }

    @Override
    public void close() {
        ec2.close();
        ssm.close();
        function.close();
        functionsAs.values().forEach(AwsClients::close);
        direct.close();
        moto.close();
    }
}
