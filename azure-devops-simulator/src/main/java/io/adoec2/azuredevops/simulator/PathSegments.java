package io.adoec2.azuredevops.simulator;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Turns a raw request path into route segments the way Azure DevOps' front end (IIS + ASP.NET) does:
 * percent-decode the whole path once, reject the characters ASP.NET calls dangerous, remove dot
 * segments, then split on '/'. So an encoded slash IS a separator there: a request for project
 * {@code a%2F_apis%2Fx} is routed as {@code a/_apis/x} (a dev.azure.com request for
 * {@code /MyRepo%2F_apis%2Fgit%2Frepositories%2FMyRepo} was answered "TF200016: The following project
 * does not exist: MyRepo"). Clients must therefore never put an unchecked name in a path.
 */
final class PathSegments {

    /** ASP.NET's default requestPathInvalidCharacters. */
    private static final String DANGEROUS = "<>*%&:\\?";

    private PathSegments() {
    }

    static List<String> parse(String rawPath) {
        String decoded = percentDecode(rawPath);
        for (char c : decoded.toCharArray()) {
            if (DANGEROUS.indexOf(c) >= 0 || c < 0x20) {
                throw AdoException.httpException(400,
                        "A potentially dangerous Request.Path value was detected from the client (" + c + ").");
            }
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : decoded.split("/", -1)) {
            switch (segment) {
                case "", "." -> {
                    // empty segments ("//", a trailing "/") and "." name nothing
                }
                case ".." -> segments.pollLast();
                default -> segments.addLast(segment);
            }
        }
        return List.copyOf(segments);
    }

    /** One path segment, encoded so that it decodes back to exactly {@code segment}. */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String percentDecode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            int c = raw.codePointAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    throw AdoException.httpException(400, "Bad Request - Invalid URL: malformed percent-encoding");
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] utf8 = Character.toString(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(c) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw AdoException.httpException(400, "Bad Request - Invalid URL: not UTF-8");
        }
    }
}
