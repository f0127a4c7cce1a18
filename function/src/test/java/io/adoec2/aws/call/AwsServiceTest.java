package io.adoec2.aws.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

class AwsServiceTest {

    @Test
    void defaultsToTheRegionalEndpoint() {
        assertThat(endpoint(AwsService.EC2, "eu-west-1", Map.of(), Map.of()))
                .isEqualTo(URI.create("https://ec2.eu-west-1.amazonaws.com"));
        assertThat(endpoint(AwsService.SSM, "us-east-1", Map.of(), Map.of()))
                .isEqualTo(URI.create("https://ssm.us-east-1.amazonaws.com"));
        assertThat(endpoint(AwsService.DYNAMODB, "eu-west-1", Map.of(), Map.of()))
                .isEqualTo(URI.create("https://dynamodb.eu-west-1.amazonaws.com"));
        assertThat(endpoint(AwsService.AUTO_SCALING, "cn-north-1", Map.of(), Map.of()))
                .isEqualTo(URI.create("https://autoscaling.cn-north-1.amazonaws.com.cn"));
    }

    @Test
    void everyRegionTheSdkKnowsGetsItsPartitionsSuffixAsTheSdksRegionMetadataHasIt() {
        assertThat(Region.regions()).hasSizeGreaterThan(30);
        for (Region region : Region.regions()) {
            RegionMetadata metadata = RegionMetadata.of(region);
            if (metadata != null) {
                assertThat(AwsService.dnsSuffix(region.id())).as(region.id()).isEqualTo(metadata.partition().dnsSuffix());
            }
        }
        assertThat(AwsService.dnsSuffix("cn-east-9")).as("a China region the SDK does not know yet")
                .isEqualTo("amazonaws.com.cn");
        assertThat(AwsService.dnsSuffix("xx-nowhere-1")).isEqualTo("amazonaws.com");
    }

    @Test
    void honoursTheSdkOverridesInTheSdkOrder() {
        Map<String, String> properties = Map.of("aws.endpointUrlEc2", "http://ec2.property:1", "aws.endpointUrl", "http://all.property:2");
        Map<String, String> environment = Map.of("AWS_ENDPOINT_URL_EC2", "http://ec2.env:3", "AWS_ENDPOINT_URL_SSM", "http://ssm.env:4",
                "AWS_ENDPOINT_URL", "http://all.env:5");

        assertThat(endpoint(AwsService.EC2, "eu-west-1", properties, environment)).hasToString("http://ec2.property:1");
        assertThat(endpoint(AwsService.SSM, "eu-west-1", properties, environment)).hasToString("http://ssm.env:4");
        assertThat(endpoint(AwsService.AUTO_SCALING, "eu-west-1", properties, environment)).hasToString("http://all.property:2");
        assertThat(endpoint(AwsService.AUTO_SCALING, "eu-west-1", Map.of(), environment)).hasToString("http://all.env:5");
        assertThat(endpoint(AwsService.EC2, "eu-west-1", Map.of(), environment)).hasToString("http://ec2.env:3");
    }

    @Test
    void aMalformedOverrideIsNamed() {
        assertThatThrownBy(() -> endpoint(AwsService.EC2, "eu-west-1", Map.of("aws.endpointUrl", "localhost:4566"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("localhost:4566");
    }

    @Test
    void awsUseFipsEndpointSendsToTheServicesFipsHost() {
        Map<String, String> fips = Map.of("AWS_USE_FIPS_ENDPOINT", "true");
        assertThat(endpoint(AwsService.DYNAMODB, "us-east-1", Map.of(), fips))
                .hasToString("https://dynamodb-fips.us-east-1.amazonaws.com");
        assertThat(endpoint(AwsService.EC2, "us-gov-west-1", Map.of(), fips))
                .hasToString("https://ec2-fips.us-gov-west-1.amazonaws.com");
        assertThat(endpoint(AwsService.SSM, "us-east-1", Map.of("aws.useFipsEndpoint", "FALSE"), fips))
                .as("the system property first, as in the SDK").hasToString("https://ssm.us-east-1.amazonaws.com");
        assertThat(endpoint(AwsService.SQS, "us-east-1", Map.of(), Map.of("AWS_USE_FIPS_ENDPOINT", "true",
                "AWS_ENDPOINT_URL", "http://localhost:5000"))).as("an override wins").hasToString("http://localhost:5000");
    }

    @Test
    void aFipsSettingThatIsNeitherTrueNorFalseIsRefusedByName() {
        assertThatThrownBy(() -> endpoint(AwsService.EC2, "us-east-1", Map.of(),
                Map.of("AWS_USE_FIPS_ENDPOINT", "yes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AWS_USE_FIPS_ENDPOINT must be true or false, not 'yes'");
    }

    private static URI endpoint(AwsService service, String region, Map<String, String> properties, Map<String, String> environment) {
        return service.endpoint(region, properties::get, environment::get);
    }
}
