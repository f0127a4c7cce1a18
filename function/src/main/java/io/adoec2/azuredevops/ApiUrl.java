package io.adoec2.azuredevops;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Builds request URLs under the organization URL. Every value that comes from outside (names,
 * ids, continuation tokens) is percent-encoded as one path segment or one query value, so a name
 * holding {@code ?}, {@code #}, {@code &} or {@code =} stays a single value.
 *
 * <p>Encoding alone does not protect a path segment: Azure DevOps' front end (IIS + ASP.NET)
 * decodes the whole path before routing, so {@code %2F} becomes a separator and {@code %2E%2E}
 * climbs a level, and it refuses {@code % & : * < > \ ?} outright. A path segment that would be
 * changed that way is refused here rather than sent where it could name another resource.
 */
final class ApiUrl {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Separators, ASP.NET's default requestPathInvalidCharacters, and the fragment mark. */
    private static final String UNSAFE_IN_PATH = "/\\?#%&:*<>";

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

    /** Appends one path segment. @throws IllegalArgumentException when it is not {@link #isSafeSegment safe} */
    ApiUrl segment(String value) {
        if (!isSafeSegment(value)) {
            throw new IllegalArgumentException("'" + value + "' cannot be sent as a URL path segment to Azure DevOps,"
                    + " which decodes and re-splits request paths before routing them");
        }
        path.append('/').append(encode(value));
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
     * Whether the front end routes this value, once decoded, as exactly one segment: not empty, not
     * made of dots only, and free of separators, characters ASP.NET refuses in a path, {@code #}
     * and control characters.
     */
    static boolean isSafeSegment(String value) {
        if (value.isEmpty() || value.chars().allMatch(c -> c == '.')) {
            return false;
        }
        return value.chars().noneMatch(c -> c < 0x20 || c == 0x7F || UNSAFE_IN_PATH.indexOf(c) >= 0);
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
