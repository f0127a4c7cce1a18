package io.adoec2.aws.call;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The AWS services we call through our own request layer, with the names the SDK uses for them:
 * the signing name (also the endpoint's host prefix) and the suffixes of the SDK's endpoint
 * override settings ({@code aws.endpointUrl<Suffix>} / {@code AWS_ENDPOINT_URL_<SUFFIX>}).
 */
public enum AwsService {
    DYNAMODB("DynamoDB", "dynamodb", "DynamoDb", "DYNAMODB"),
    EC2("EC2", "ec2", "Ec2", "EC2"),
    SSM("SSM", "ssm", "Ssm", "SSM"),
    AUTO_SCALING("Auto Scaling", "autoscaling", "AutoScaling", "AUTO_SCALING"),
    SQS("SQS", "sqs", "Sqs", "SQS"),
    /** Always regional here: GetWebIdentityToken is not served by the global endpoint. */
    STS("STS", "sts", "Sts", "STS");

    private static final String GLOBAL_PROPERTY = "aws.endpointUrl";
    private static final String GLOBAL_VARIABLE = "AWS_ENDPOINT_URL";
    private static final String DEFAULT_DNS_SUFFIX = "amazonaws.com";
    private static final String FIPS_PROPERTY = "aws.useFipsEndpoint";
    private static final String FIPS_VARIABLE = "AWS_USE_FIPS_ENDPOINT";
    /**
     * Every partition's region pattern and DNS suffix, the commercial one last (its pattern is the
     * widest). Copied from the AWS SDK for Java 2.57.8's generated partition metadata
     * (software.amazon.awssdk.regions.partitionmetadata.*, generated from the SDK's partitions.json,
     * Apache-2.0); AwsServiceTest checks them against the SDK's RegionMetadata for every region it knows.
     */
    private static final List<Partition> PARTITIONS = List.of(
            new Partition("aws-cn", "^cn\\-\\w+\\-\\d+$", "amazonaws.com.cn"),
            new Partition("aws-us-gov", "^us\\-gov\\-\\w+\\-\\d+$", "amazonaws.com"),
            new Partition("aws-iso", "^us\\-iso\\-\\w+\\-\\d+$", "c2s.ic.gov"),
            new Partition("aws-iso-b", "^us\\-isob\\-\\w+\\-\\d+$", "sc2s.sgov.gov"),
            new Partition("aws-iso-e", "^eu\\-isoe\\-\\w+\\-\\d+$", "cloud.adc-e.uk"),
            new Partition("aws-iso-f", "^us\\-isof\\-\\w+\\-\\d+$", "csp.hci.ic.gov"),
            new Partition("aws-eusc", "^eusc\\-(de)\\-\\w+\\-\\d+$", "amazonaws.eu"),
            new Partition("aws", "^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$", "amazonaws.com"));

    private record Partition(String id, Pattern regions, String dnsSuffix) {
        Partition(String id, String regions, String dnsSuffix) {
            this(id, Pattern.compile(regions), dnsSuffix);
        }

        /** A partition's global pseudo-region (aws-global, aws-cn-global, ...) is named after it. */
        boolean holds(String region) {
            return regions.matcher(region).matches() || region.equals(id + "-global");
        }
    }

    private final String displayName;
    private final String signingName;
    private final String propertySuffix;
    private final String variableSuffix;

    AwsService(String displayName, String signingName, String propertySuffix, String variableSuffix) {
        this.displayName = displayName;
        this.signingName = signingName;
        this.propertySuffix = propertySuffix;
        this.variableSuffix = variableSuffix;
    }

    public String displayName() {
        return displayName;
    }

    public String signingName() {
        return signingName;
    }

    /**
     * Where to send this service's requests in a region. The same overrides the SDK honours, in
     * its order: service system property, service environment variable, then the global ones;
     * otherwise the regional endpoint, {@code https://<service>.<region>.amazonaws.com}, or with
     * {@code AWS_USE_FIPS_ENDPOINT=true} (or {@code aws.useFipsEndpoint}) its FIPS form
     * {@code https://<service>-fips.<region>.amazonaws.com}, as the SDK's endpoint rules name it for
     * these five services. An override wins over FIPS, as in the SDK.
     */
    public URI endpoint(String region, UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        boolean fips = useFips(systemProperties, environment);
        return SdkSetting.read(systemProperties, environment, GLOBAL_PROPERTY + propertySuffix,
                        GLOBAL_VARIABLE + "_" + variableSuffix)
                .or(() -> SdkSetting.read(systemProperties, environment, GLOBAL_PROPERTY, GLOBAL_VARIABLE))
                .map(setting -> parseOverride(setting.value()))
                .orElseGet(() -> URI.create("https://" + signingName + (fips ? "-fips" : "") + "." + region
                        + "." + dnsSuffix(region)));
    }

    /** The SDK's setting, read the SDK's way (property before variable); anything but true or false is refused. */
    private static boolean useFips(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        Optional<SdkSetting> setting = SdkSetting.read(systemProperties, environment, FIPS_PROPERTY, FIPS_VARIABLE);
        if (setting.isEmpty()) {
            return false;
        }
        String value = setting.get().value();
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(setting.get().name() + " must be true or false, not '"
                    + value.replaceAll("[^\\p{Print}]", "?") + "'");
        };
    }

    private static URI parseOverride(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("endpoint override is not a URL: " + value, e);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("endpoint override needs a scheme and host: " + value);
        }
        return uri;
    }

    /**
     * The DNS suffix of the region's partition, the partition found by its region pattern. A region
     * of no known partition takes the commercial one's suffix.
     */
    static String dnsSuffix(String region) {
        for (Partition partition : PARTITIONS) {
            if (partition.holds(region)) {
                return partition.dnsSuffix();
            }
        }
        return DEFAULT_DNS_SUFFIX;
    }
}
