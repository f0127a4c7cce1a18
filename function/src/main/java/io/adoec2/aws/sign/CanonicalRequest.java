package io.adoec2.aws.sign;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Step 1 of SigV4, "Create a canonical request": method, canonical URI, canonical query string,
 * canonical headers, signed headers and the payload's hash, one per line. Every header given is
 * signed (names lower-cased and sorted, values trimmed with inner runs of spaces made one), and
 * the path is encoded twice, segment by segment, as for every service but S3.
 * Source: AWS IAM User Guide, "Create a signed AWS API request" / "Elements of an AWS API request
 * signature" (docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html,
 * read 2026-11-30).
 */
final class CanonicalRequest {
    private final String text;
    private final String signedHeaders;

    private CanonicalRequest(String text, String signedHeaders) {
        this.text = text;
        this.signedHeaders = signedHeaders;
    }

    /**
     * @param query   the canonical query string (already sorted and encoded), empty for our POSTs
     * @param headers the headers to sign, {@code host} among them
     */
    static CanonicalRequest of(String method, URI uri, String query, Map<String, String> headers,
                               String payloadSha256) {
        SortedMap<String, String> canonical = new TreeMap<>();
        headers.forEach((name, value) -> canonical.merge(name.toLowerCase(Locale.ROOT), trimmed(value),
                (first, second) -> first + "," + second));
        StringBuilder headerLines = new StringBuilder();
        canonical.forEach((name, value) -> headerLines.append(name).append(':').append(value).append('\n'));
        String signed = String.join(";", canonical.keySet());
        String text = method + '\n' + canonicalPath(uri) + '\n' + query + '\n' + headerLines + '\n' + signed + '\n'
                + payloadSha256;
        return new CanonicalRequest(text, signed);
    }

    String signedHeaders() {
        return signedHeaders;
    }

    String sha256() {
        return Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return text;
    }

    /** The normalized absolute path ("/" when empty), each segment URI-encoded once more. */
    private static String canonicalPath(URI uri) {
        String path = uri.normalize().getRawPath();
        if (path == null || path.isEmpty()) {
            return "/";
        }
        StringBuilder encoded = new StringBuilder(path.length() + 16);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/' || isUnreserved(c)) {
                encoded.append(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            }
        }
        return encoded.charAt(0) == '/' ? encoded.toString() : "/" + encoded;
    }

    /** RFC 3986's unreserved characters: the only ones SigV4 leaves as they are. */
    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static String trimmed(String value) {
        return value.strip().replaceAll(" +", " ");
    }
}
