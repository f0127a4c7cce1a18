package io.adoec2.aws;

import io.adoec2.aws.sign.Credentials;
import io.adoec2.aws.sign.CredentialsSource;
import java.util.function.UnaryOperator;

/**
 * The credentials the Lambda runtime provides, asked for in the order of the SDK chain it replaces:
 * the environment variables of the function's role (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN, as the SDK's EnvironmentVariableCredentialsProvider reads them), else the
 * container endpoint, which is where a function with SnapStart finds them ({@link ContainerCredentials}).
 * The container endpoint is asked only when the environment has no keys.
 */
final class LambdaCredentials implements CredentialsSource {
    private final UnaryOperator<String> environment;
    private final ContainerCredentials container;

    LambdaCredentials() {
        this(System::getProperty, System::getenv);
    }

    LambdaCredentials(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        this.environment = environment;
        this.container = new ContainerCredentials(systemProperties, environment);
    }

    @Override
    public Credentials credentials() {
        String accessKeyId = set(environment.apply("AWS_ACCESS_KEY_ID"));
        String secretAccessKey = set(environment.apply("AWS_SECRET_ACCESS_KEY"));
        if (accessKeyId != null && secretAccessKey != null) {
            return Credentials.of(accessKeyId, secretAccessKey, set(environment.apply("AWS_SESSION_TOKEN")));
        }
        String notInEnvironment = accessKeyId == null && secretAccessKey == null
                ? "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"
                : (accessKeyId == null ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY") + " is not set";
        try {
            return container.credentials();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("no AWS credentials: not in the environment (" + notInEnvironment
                    + "), nor from the container endpoint (" + e.getMessage() + ")", e);
        }
    }

    private static String set(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
