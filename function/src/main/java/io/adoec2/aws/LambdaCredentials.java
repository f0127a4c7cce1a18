package io.adoec2.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The credentials the Lambda runtime provides, asked for in the order of the SDK chain it replaces:
 * the environment variables of the function's role, else the container endpoint, where a function
 * restored from a SnapStart snapshot finds them. The container provider is built only when the
 * environment has none: building it readies an HTTP loader and the SDK's own JSON parser (about 60
 * classes, bench/LEVERS.md) that an ordinary cold start never uses.
 */
final class LambdaCredentials implements AwsCredentialsProvider {
    private final AwsCredentialsProvider environment = EnvironmentVariableCredentialsProvider.create();
    private volatile AwsCredentialsProvider container;

    @Override
    public AwsCredentials resolveCredentials() {
        SdkClientException notInEnvironment;
        try {
            return environment.resolveCredentials();
        } catch (SdkClientException e) {
            notInEnvironment = e;
        }
        try {
            return container().resolveCredentials();
        } catch (SdkClientException e) {
            throw SdkClientException.builder()
                    .message("no AWS credentials: not in the environment (" + notInEnvironment.getMessage()
                            + "), nor from the container endpoint (" + e.getMessage() + ")")
                    .cause(e)
                    .build();
        }
    }

    private AwsCredentialsProvider container() {
        AwsCredentialsProvider built = container;
        if (built == null) {
            synchronized (this) {
                if (container == null) {
                    container = ContainerCredentialsProvider.create();
                }
                built = container;
            }
        }
        return built;
    }
}
