package io.adoec2.aws.call;

import java.io.IOException;

/**
 * A position in the text of an XML answer, with the small steps the reader takes over it. Its
 * errors say what was met and where (line and column), never the text around it: an answer may
 * carry a token.
 */
final class XmlCursor {
    private final String text;
    private int at;

    XmlCursor(String text) {
        this.text = text;
    }

    boolean atEnd() {
        return at >= text.length();
    }

    /** The next character; callers check {@link #atEnd()} first. */
    char peek() {
        return text.charAt(at);
    }

    char next() throws IOException {
        if (atEnd()) {
            throw error("the input ends too early");
        }
        return text.charAt(at++);
    }

    boolean startsWith(String prefix) {
        return text.startsWith(prefix, at);
    }

    /** Steps over {@code prefix} if the text goes on with it. */
    boolean skip(String prefix) {
        if (!startsWith(prefix)) {
            return false;
        }
        at += prefix.length();
        return true;
    }

    void expect(String prefix, String what) throws IOException {
        if (!skip(prefix)) {
            throw error(atEnd() ? "the input ends where " + what + " was expected" : what + " expected");
        }
    }

    /** The text up to {@code terminator}, stepping past it; {@code what} names the construct left open. */
    String upTo(String terminator, String what) throws IOException {
        int end = text.indexOf(terminator, at);
        if (end < 0) {
            throw error(what + " is never closed with " + terminator);
        }
        String found = text.substring(at, end);
        at = end + terminator.length();
        return found;
    }

    /**
     * Appends the run of characters up to the next one that is not plain text ({@code <}, {@code &},
     * {@code \r}, {@code ]} or one XML forbids), which the caller looks at itself: most text is read here
     * in one copy.
     */
    void appendPlainText(StringBuilder into) {
        int end = at;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (c == '<' || c == '&' || c == '\r' || c == ']' || !isXmlChar(c)) {
                break;
            }
            end++;
        }
        into.append(text, at, end);
        at = end;
    }

    /** Steps over XML white space (space, tab, line feed, carriage return); whether there was any. */
    boolean skipWhitespace() {
        int start = at;
        while (!atEnd() && isWhitespace(peek())) {
            at++;
        }
        return at > start;
    }

    /**
     * An XML name (a letter, {@code _} or {@code :}, then letters, digits, {@code - . _ :}), as
     * written, prefix included.
     */
    String name(String what) throws IOException {
        int start = at;
        if (atEnd() || !isNameStart(peek())) {
            throw error(atEnd() ? "the input ends where " + what + " was expected" : what + " expected");
        }
        at++;
        while (!atEnd() && isNameChar(peek())) {
            at++;
        }
        return text.substring(start, at);
    }

    IOException error(String what) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(at, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new IOException("not well-formed XML: " + what + " (line " + line + ", column "
                + (at - lineStart + 1) + ")");
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /**
     * XML 1.0's Char production, for one UTF-16 unit: surrogates pass here (the strict UTF-8
     * decoding before only lets them through in valid pairs).
     */
    static boolean isXmlChar(char c) {
        return c >= 0x20 ? c != 0xFFFE && c != 0xFFFF : c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '-' || c == '.'
                || c == '\u00B7' || Character.getType(c) == Character.NON_SPACING_MARK;
    }
}
