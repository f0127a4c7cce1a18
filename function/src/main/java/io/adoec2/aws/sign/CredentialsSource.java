package io.adoec2.aws.sign;

/** Where the credentials to sign with come from; asked before every request, so rotated ones are picked up. */
@FunctionalInterface
public interface CredentialsSource {

    /** @throws IllegalStateException when none can be had, naming where they were looked for */
    Credentials credentials();

    /** Always the same credentials: tests, {@code simulate}, a local peer. */
    static CredentialsSource fixed(Credentials credentials) {
        return () -> credentials;
    }
}
