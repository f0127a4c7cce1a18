package io.adoec2.aws.sign;

/**
 * Step 2 of SigV4, "Create a string to sign": the algorithm, the request time, the credential
 * scope and the canonical request's hash, one per line.
 */
record StringToSign(String text) {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    static StringToSign of(CredentialScope scope, CanonicalRequest request) {
        return new StringToSign(ALGORITHM + '\n' + scope.amzDate() + '\n' + scope + '\n' + request.sha256());
    }
}
