package io.adoec2.lifecycle;

/**
 * Makes a value that came from outside (a tag, a message field) safe to quote in a log line
 * or error message: control characters escaped and the length capped, so hostile input can
 * neither forge log lines nor flood them.
 */
public final class Printable {
    private static final int MAX = 120;

    private Printable() {}

    /** A value from outside (a tag, a message field): escaped and cut at 120 characters. */
    public static String of(String value) {
        return of(value, MAX);
    }

    /**
     * Escaped and cut at {@code max} code points: for text we composed ourselves around quoted
     * values (a log message, an error), which must stay whole enough to say what went wrong.
     */
    public static String of(String value, int max) {
        if (value == null) {
            return "<null>";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(max).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        if (value.codePointCount(0, value.length()) > max) {
            out.append("…(").append(value.length()).append(" chars)");
        }
        return out.toString();
    }
}
