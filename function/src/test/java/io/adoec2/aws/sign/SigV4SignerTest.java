package io.adoec2.aws.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Our SigV4 signer against two references: the AWS SDK for Java's own signer (AwsV4HttpSigner, a
 * test dependency only) over many requests of the kinds we send, and the example the AWS
 * documentation publishes (IAM ListUsers signed with AKIDEXAMPLE on 2015-08-30).
 */
class SigV4SignerTest {
    private static final AwsV4HttpSigner SDK = AwsV4HttpSigner.create();
    private static final List<String> SERVICES = List.of("dynamodb", "ec2", "ssm", "autoscaling", "sqs", "sts");
    private static final List<String> REGIONS = List.of("eu-west-1", "us-east-1", "cn-north-1", "us-gov-west-1",
            "ap-southeast-2", "eusc-de-east-1");
    private static final List<String> ENDPOINTS = List.of("https://%s.%s.amazonaws.com", "https://%s.%s.amazonaws.com/",
            "http://127.0.0.1:4566/", "http://localhost:80/", "https://localhost:443/", "https://%s.%s.example:8443/",
            "http://[::1]:5000/", "http://127.0.0.1:5000/moto/a%%20b/./c/../d", "https://vpce-1.%s.%s.vpce.amazonaws.com/");
    private static final List<String> CONTENT_TYPES = List.of("application/x-amz-json-1.0",
            "application/x-amz-json-1.1", "application/x-www-form-urlencoded; charset=utf-8");

    @Test
    void signsEveryKindOfRequestWeSendAsTheSdksSignerDoes() {
        Random random = new Random(20);
        for (int i = 0; i < 400; i++) {
            String service = SERVICES.get(random.nextInt(SERVICES.size()));
            String region = REGIONS.get(random.nextInt(REGIONS.size()));
            URI uri = URI.create(ENDPOINTS.get(random.nextInt(ENDPOINTS.size())).formatted(service, region));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size())));
            if (random.nextBoolean()) {
                headers.put("X-Amz-Target", "DynamoDB_20120810.PutItem");
            }
            if (random.nextInt(4) == 0) {
                headers.put("X-Custom-Header", "  two   spaces  inside ");
            }
            byte[] body = body(random);
            Credentials credentials = random.nextBoolean()
                    ? Credentials.of("AKID" + i, "secret/" + i + "+key")
                    : Credentials.of("ASIA" + i, "secret/" + i, "session-token-" + i + "/with+signs=");
            Instant time = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(400_000_000))
                    .plusMillis(random.nextInt(1000));

            Map<String, String> ours = new SigV4Signer(region, service).sign(uri, headers, body, credentials, time);
            SdkHttpRequest theirs = sdkSigned(service, region, uri, headers, body, credentials, time);

            String what = i + ": " + service + " " + region + " " + uri + " " + headers.keySet()
                    + (credentials.sessionToken().isPresent() ? " with session token" : "");
            assertThat(ours.get(SigV4Signer.AUTHORIZATION)).as(what)
                    .isEqualTo(theirs.firstMatchingHeader("Authorization").orElseThrow());
            assertThat(ours.get(SigV4Signer.DATE)).as(what)
                    .isEqualTo(theirs.firstMatchingHeader("X-Amz-Date").orElseThrow());
            assertThat(ours.get(SigV4Signer.SECURITY_TOKEN)).as(what)
                    .isEqualTo(theirs.firstMatchingHeader("X-Amz-Security-Token").orElse(null));
        }
    }

    /**
     * The example of the IAM User Guide's "Signature Version 4 signing examples" (as published
     * since 2015 and reproduced by AWS's SigV4 test suite): GET
     * https://iam.amazonaws.com/?Action=ListUsers&amp;Version=2010-05-08 at 20150830T123600Z.
     */
    @Test
    void reproducesThePublishedIamListUsersExample() {
        CredentialScope scope = CredentialScope.of(Instant.parse("2015-08-30T12:36:00Z"), "us-east-1", "iam");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        headers.put("Host", "iam.amazonaws.com");
        headers.put("X-Amz-Date", scope.amzDate());
        CanonicalRequest canonical = CanonicalRequest.of("GET", URI.create("https://iam.amazonaws.com/"),
                "Action=ListUsers&Version=2010-05-08", headers, Sha256.hex(new byte[0]));
        Credentials credentials = Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

        assertThat(canonical.sha256()).isEqualTo("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
        assertThat(SigningKey.derive(credentials.secretAccessKey(), scope).hex())
                .isEqualTo("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
        assertThat(SigV4Signer.authorization(credentials, scope, canonical)).isEqualTo(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date, "
                        + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
    }

    @Test
    void signsTheHostJavaNetHttpSendsPortOnlyWhenNotTheSchemesDefault() {
        assertThat(SigV4Signer.host(URI.create("https://ec2.eu-west-1.amazonaws.com/"))).isEqualTo("ec2.eu-west-1.amazonaws.com");
        assertThat(SigV4Signer.host(URI.create("https://localhost:443/"))).isEqualTo("localhost");
        assertThat(SigV4Signer.host(URI.create("http://localhost:80/"))).isEqualTo("localhost");
        assertThat(SigV4Signer.host(URI.create("http://localhost:443/"))).isEqualTo("localhost:443");
        assertThat(SigV4Signer.host(URI.create("http://127.0.0.1:4566/"))).isEqualTo("127.0.0.1:4566");
        assertThat(SigV4Signer.host(URI.create("http://[::1]:5000/"))).isEqualTo("[::1]:5000");
    }

    @Test
    void neverShowsTheSecretTheTokenOrTheSigningKey() {
        Credentials credentials = Credentials.of("ASIAEXAMPLE", "the-secret-key", "the-session-token");
        CredentialScope scope = CredentialScope.of(Instant.parse("2026-11-30T10:00:00Z"), "eu-west-1", "ssm");
        SigningKey key = SigningKey.derive(credentials.secretAccessKey(), scope);

        assertThat(credentials.toString()).contains("ASIAEXAMPLE")
                .doesNotContain("the-secret-key").doesNotContain("the-session-token");
        assertThat(key.toString()).doesNotContain(key.hex());
        assertThat(new SigV4Signer("eu-west-1", "ssm").toString()).doesNotContain("secret");
    }

    private static SdkHttpRequest sdkSigned(String service, String region, URI uri, Map<String, String> headers,
                                            byte[] body, Credentials credentials, Instant time) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
        headers.forEach(request::putHeader);
        AwsCredentialsIdentity identity = credentials.sessionToken()
                .<AwsCredentialsIdentity>map(token -> AwsSessionCredentials.create(credentials.accessKeyId(),
                        credentials.secretAccessKey(), token))
                .orElseGet(() -> AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey()));
        SignedRequest signed = SDK.sign(SignRequest.builder(identity)
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(time, ZoneOffset.UTC))
                .build());
        return signed.request();
    }

    private static byte[] body(Random random) {
        List<String> bodies = new ArrayList<>(List.of("", "{}", "Action=DescribeInstances&Version=2016-11-15",
                "{\"TableName\":\"t\",\"Item\":{\"pk\":{\"S\":\"i-0123 é ✓\"}}}"));
        byte[] noise = new byte[random.nextInt(2000)];
        random.nextBytes(noise);
        return random.nextInt(5) == 0 ? noise : bodies.get(random.nextInt(bodies.size())).getBytes(StandardCharsets.UTF_8);
    }
}
