package io.adoec2.aws.sign;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Signs the requests we send to AWS with Signature Version 4, in the Authorization header: POSTs
 * with a body, to a service endpoint (host with or without a port), with or without a session
 * token. It signs every header it is given, the {@code Host} the HTTP client will send, the time
 * the session token and the body's hash. Follows the AWS IAM User Guide,
 * "Create a signed AWS API request" and "Elements of an AWS API request signature"
 * (docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html and
 * reference_sigv-signing-elements.html, read 2026-11-30); checked against the AWS SDK for Java
 * 2.57.8's AwsV4HttpSigner and the guide's published IAM ListUsers example (SigV4SignerTest).
 */
public final class SigV4Signer {
    public static final String AUTHORIZATION = "Authorization";
    public static final String DATE = "X-Amz-Date";
    public static final String SECURITY_TOKEN = "X-Amz-Security-Token";
    public static final String CONTENT_SHA256 = "x-amz-content-sha256";

    private final String region;
    private final String service;

    /** @param service the service's signing name, such as {@code dynamodb} */
    public SigV4Signer(String region, String service) {
        this.region = region;
        this.service = service;
    }

    /**
     * The headers to add to a POST of this body to this URI: {@code X-Amz-Date}, the session
     * token when there is one, the body's hash and {@code Authorization}. The hash header is
     * optional outside S3; the SDK's signer sends it to every service, so we keep what went on
     * the wire before our own signer.
     *
     * @param headers the request's own headers (Content-Type, X-Amz-Target, ...), all signed;
     *                not Host, which comes from the URI
     */
    public Map<String, String> sign(URI uri, Map<String, String> headers, byte[] body, Credentials credentials,
                                    Instant time) {
        CredentialScope scope = CredentialScope.of(time, region, service);
        Map<String, String> added = new LinkedHashMap<>();
        added.put(DATE, scope.amzDate());
        credentials.sessionToken().ifPresent(token -> added.put(SECURITY_TOKEN, token));
        String payloadSha256 = Sha256.hex(body);
        added.put(CONTENT_SHA256, payloadSha256);

        Map<String, String> signed = new LinkedHashMap<>(headers);
        signed.keySet().removeIf(name -> name.equalsIgnoreCase("host"));
        signed.put("host", host(uri));
        signed.putAll(added);
        CanonicalRequest canonical = CanonicalRequest.of("POST", uri, "", signed, payloadSha256);
        added.put(AUTHORIZATION, authorization(credentials, scope, canonical));
        return added;
    }

    /** Steps 2 to 4 and the header itself: string to sign, signing key, signature. */
    static String authorization(Credentials credentials, CredentialScope scope, CanonicalRequest canonical) {
        String signature = SigningKey.derive(credentials.secretAccessKey(), scope)
                .sign(StringToSign.of(scope, canonical).text());
        return StringToSign.ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + canonical.signedHeaders() + ", Signature=" + signature;
    }

    /**
     * The Host header java.net.http sends for the URI (jdk.internal.net.http.Http1Request#hostString):
     * the host, with ":port" only when the URI names a port other than its scheme's default.
     */
    public static String host(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("an AWS endpoint needs a host: " + uri);
        }
        int port = uri.getPort();
        boolean https = "https".equals(uri.getScheme().toLowerCase(Locale.ROOT));
        boolean defaultPort = port == -1 || port == (https ? 443 : 80);
        return defaultPort ? host : host + ":" + port;
    }

    @Override
    public String toString() {
        return "SigV4Signer[" + region + "/" + service + "]";
    }
}
