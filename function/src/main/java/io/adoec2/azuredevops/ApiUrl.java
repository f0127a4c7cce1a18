package io.adoec2.azuredevops;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Builds request URLs under the organization URL. Every value that comes from outside (names,
 * ids, continuation tokens) is percent-encoded as one path segment or one query value, so a name
 * holding {@code /}, {@code ?}, {@code #}, {@code %} or {@code ..} stays a single value and can
 * never address another resource.
 */
final class ApiUrl {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder path;
    private final StringBuilder query = new StringBuilder();

    private ApiUrl(String base) {
        this.path = new StringBuilder(base);
    }

    /** Starts at the organization URL (without a trailing slash). */
    static ApiUrl under(String organizationUrl) {
        return new ApiUrl(organizationUrl);
    }

    /** Appends fixed route text written in this code base, such as {@code _apis/projects}. */
    ApiUrl route(String trustedSegments) {
        path.append('/').append(trustedSegments);
        return this;
    }

    /** Appends one path segment holding any text. */
    ApiUrl segment(String value) {
        path.append('/').append(encodeSegment(value));
        return this;
    }

    ApiUrl segment(int value) {
        path.append('/').append(value);
        return this;
    }

    /** Adds a query parameter; the name is fixed route text, the value is encoded. */
    ApiUrl query(String name, String value) {
        query.append(query.isEmpty() ? '?' : '&').append(name).append('=').append(encode(value));
        return this;
    }

    URI build(String apiVersion) {
        query("api-version", apiVersion);
        return URI.create(path.toString() + query);
    }

    /**
     * Encodes a path segment. A segment of only dots is encoded too: a literal {@code .} or
     * {@code ..} segment would be resolved away by the client or server and move up a level.
     */
    static String encodeSegment(String value) {
        if (!value.isEmpty() && value.chars().allMatch(c -> c == '.')) {
            return "%2E".repeat(value.length());
        }
        return encode(value);
    }

    /** RFC 3986 percent-encoding of UTF-8 bytes, keeping only the unreserved characters. */
    static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
