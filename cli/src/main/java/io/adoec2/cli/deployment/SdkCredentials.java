package io.adoec2.cli.deployment;

import io.adoec2.aws.sign.Credentials;
import io.adoec2.aws.sign.CredentialsSource;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * An SDK credentials provider (the operator's profile, SSO, environment) as the function's
 * adapters take credentials. The CLI keeps the SDK's provider chain; the Lambda jar carries none of it.
 */
public final class SdkCredentials implements CredentialsSource {
    private final AwsCredentialsProvider provider;

    public SdkCredentials(AwsCredentialsProvider provider) {
        this.provider = provider;
    }

    @Override
    public Credentials credentials() {
        AwsCredentials resolved = provider.resolveCredentials();
        String token = resolved instanceof AwsSessionCredentials session ? session.sessionToken() : null;
        return Credentials.of(resolved.accessKeyId(), resolved.secretAccessKey(), token);
    }
}
