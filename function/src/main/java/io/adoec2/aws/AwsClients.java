package io.adoec2.aws;

import io.adoec2.aws.call.AwsHttp;
import io.adoec2.aws.call.AwsJsonCall;
import io.adoec2.aws.call.AwsQueryCall;
import io.adoec2.aws.call.AwsService;
import io.adoec2.aws.call.JdkAwsHttp;
import io.adoec2.aws.call.SdkSetting;
import io.adoec2.aws.call.SignedPost;
import io.adoec2.aws.sign.CredentialsSource;
import java.util.regex.Pattern;

/**
 * The AWS clients of one process, built once with an explicit region and credentials and one
 * shared java.net.http client. Every service goes through our signed request layer: the SDK's
 * service modules carry every shape of their APIs (and load them at cold start) for the few calls
 * we make, and its core (signer, HTTP client, credentials, regions) cost about 340 classes, an SSL
 * context of its own and half the jar (bench/LEVERS.md). Endpoints honour the SDK's override settings ({@code aws.endpointUrl},
 * {@code AWS_ENDPOINT_URL}, and their per-service forms), which is how tests and
 * {@code simulate} point everything at a local peer.
 */
public final class AwsClients implements AutoCloseable {

    static final String EC2_API_VERSION = "2016-11-15";
    static final String AUTO_SCALING_API_VERSION = "2011-01-01";
    static final String SSM_TARGET_PREFIX = "AmazonSSM";
    static final String SQS_API_VERSION = "2012-11-05";
    static final String DYNAMODB_TARGET_PREFIX = "DynamoDB_20120810";
    static final String STS_API_VERSION = "2011-06-15";

    /** What a region's name looks like (eu-west-1, us-gov-west-1, aws-global): it goes into host names. */
    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final AwsHttp http;
    private final AwsJsonCall dynamoDb;
    private final AwsQueryCall ec2;
    private final AwsQueryCall autoScaling;
    private final AwsJsonCall ssm;
    private final AwsQueryCall sqs;
    private final AwsQueryCall sts;

    public AwsClients(String region, CredentialsSource credentials) {
        this(region, credentials, JdkAwsHttp.create());
    }

    /** Clients that send through the given HTTP client, and close it when they are closed. */
    public AwsClients(String region, CredentialsSource credentials, AwsHttp http) {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("not an AWS region name: '"
                    + String.valueOf(region).replaceAll("[^\\p{Print}]", "?") + "'");
        }
        this.http = http;
        this.dynamoDb = new AwsJsonCall(post(region, credentials, AwsService.DYNAMODB), AwsJsonCall.Version.JSON_1_0,
                DYNAMODB_TARGET_PREFIX);
        this.ec2 = new AwsQueryCall(post(region, credentials, AwsService.EC2), EC2_API_VERSION);
        this.autoScaling = new AwsQueryCall(post(region, credentials, AwsService.AUTO_SCALING),
                AUTO_SCALING_API_VERSION);
        this.ssm = new AwsJsonCall(post(region, credentials, AwsService.SSM), AwsJsonCall.Version.JSON_1_1,
                SSM_TARGET_PREFIX);
        this.sqs = new AwsQueryCall(post(region, credentials, AwsService.SQS), SQS_API_VERSION);
        this.sts = new AwsQueryCall(post(region, credentials, AwsService.STS), STS_API_VERSION);
    }

    /**
     * What the Lambda runtime provides: the region in AWS_REGION; credentials in environment
     * variables, or from the container endpoint where SnapStart puts them instead. Not the SDK's
     * default chain: its profile, SSO and instance-metadata providers only cost cold-start time here.
     * The region is read as the SDK's SdkSystemSetting.AWS_REGION reads it: the aws.region system
     * property, then the variable.
     */
    public static AwsClients fromEnvironment() {
        String region = SdkSetting.read("aws.region", "AWS_REGION").map(SdkSetting::value)
                .orElseThrow(() -> new IllegalStateException("AWS_REGION is not set"));
        try {
            return new AwsClients(region, new LambdaCredentials());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("AWS_REGION: " + e.getMessage(), e);
        }
    }

    public AwsJsonCall dynamoDb() {
        return dynamoDb;
    }

    public AwsQueryCall ec2() {
        return ec2;
    }

    public AwsQueryCall autoScaling() {
        return autoScaling;
    }

    public AwsJsonCall ssm() {
        return ssm;
    }

    /** SQS through its Query protocol, which it still serves beside JSON: one protocol layer fewer to carry. */
    public AwsQueryCall sqs() {
        return sqs;
    }

    /** STS at the region's own endpoint, for the role's web identity token (workload identity federation). */
    public AwsQueryCall sts() {
        return sts;
    }

    @Override
    public void close() {
        http.close();
    }

    private SignedPost post(String region, CredentialsSource credentials, AwsService service) {
        return new SignedPost(http, credentials, region, service,
                service.endpoint(region, System::getProperty, System::getenv));
    }
}
