package io.adoec2.aws.sign;

import java.nio.charset.StandardCharsets;

/**
 * Step 3 of SigV4, "Derive a signing key": HMAC-SHA256 chained from {@code "AWS4" + secret} over
 * the scope's date, region, service and {@code aws4_request}. It grants what the secret grants for
 * a day in one region and service, so it is never printed.
 */
final class SigningKey {
    private final byte[] key;

    private SigningKey(byte[] key) {
        this.key = key;
    }

    static SigningKey derive(String secretAccessKey, CredentialScope scope) {
        byte[] key = Sha256.hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), utf8(scope.date()));
        key = Sha256.hmac(key, utf8(scope.region()));
        key = Sha256.hmac(key, utf8(scope.service()));
        return new SigningKey(Sha256.hmac(key, utf8("aws4_request")));
    }

    /** Step 4, "Calculate the signature": the string to sign's HMAC under this key, in hex. */
    String sign(String stringToSign) {
        return Sha256.hexOf(Sha256.hmac(key, utf8(stringToSign)));
    }

    /** For the published example's check only. */
    String hex() {
        return Sha256.hexOf(key);
    }

    @Override
    public String toString() {
        return "SigningKey[(hidden)]";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
