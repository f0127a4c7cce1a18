package io.adoec2.aws.sign;

import java.util.Optional;

/**
 * An access key pair, with the session token that temporary credentials (a Lambda function's role)
 * carry. The secret and the token never appear in {@link #toString()}.
 */
public record Credentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {

    public Credentials {
        if (accessKeyId == null || accessKeyId.isBlank()) {
            throw new IllegalArgumentException("AWS credentials need an access key id");
        }
        if (secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("AWS credentials of access key " + accessKeyId
                    + " have no secret access key");
        }
        sessionToken = sessionToken.filter(token -> !token.isBlank());
    }

    /** Long-term keys: no session token. */
    public static Credentials of(String accessKeyId, String secretAccessKey) {
        return new Credentials(accessKeyId, secretAccessKey, Optional.empty());
    }

    /** Temporary credentials, such as a role's. */
    public static Credentials of(String accessKeyId, String secretAccessKey, String sessionToken) {
        return new Credentials(accessKeyId, secretAccessKey, Optional.ofNullable(sessionToken));
    }

    @Override
    public String toString() {
        return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=(hidden), sessionToken="
                + (sessionToken.isPresent() ? "(hidden)" : "(none)") + "]";
    }
}
