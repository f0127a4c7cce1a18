package io.adoec2.aws.call;

import java.io.IOException;

/**
 * The references an AWS answer may hold: XML's five predefined entities and numeric character
 * references. Any other entity would need a DOCTYPE to declare it, which the reader refuses; so
 * an unknown one is refused by name, and nothing is ever resolved from outside the answer.
 */
final class XmlReferences {
    private static final int LONGEST_NAME_SHOWN = 32;

    private XmlReferences() {}

    /** Reads the reference after the {@code &} the cursor just stepped over, appending what it stands for. */
    static void decode(XmlCursor in, StringBuilder into) throws IOException {
        if (in.skip("#")) {
            character(in, into);
            return;
        }
        String name = in.name("an entity name after &");
        in.expect(";", "; after &" + shown(name));
        switch (name) {
            case "lt" -> into.append('<');
            case "gt" -> into.append('>');
            case "amp" -> into.append('&');
            case "apos" -> into.append('\'');
            case "quot" -> into.append('"');
            default -> throw in.error("entity &" + shown(name) + "; is refused: only lt, gt, amp, apos and quot"
                    + " are predefined, and an AWS answer declares no entity");
        }
    }

    private static void character(XmlCursor in, StringBuilder into) throws IOException {
        boolean hex = in.skip("x");
        StringBuilder digits = new StringBuilder();
        while (!in.atEnd() && in.peek() != ';' && digits.length() <= 8) {
            digits.append(in.next());
        }
        in.expect(";", "; closing the character reference &#" + (hex ? "x" : "") + digits);
        int codePoint;
        try {
            codePoint = digits.isEmpty() || digits.charAt(0) == '+' || digits.charAt(0) == '-' ? -1
                    : Integer.parseInt(digits.toString(), hex ? 16 : 10);
        } catch (NumberFormatException e) {
            codePoint = -1;
        }
        if (codePoint < 0) {
            throw in.error("character reference &#" + (hex ? "x" : "") + digits + "; is not a number");
        }
        if (!isXmlChar(codePoint)) {
            throw in.error("character reference &#" + (hex ? "x" : "") + digits
                    + "; names no character XML allows");
        }
        into.appendCodePoint(codePoint);
    }

    private static boolean isXmlChar(int codePoint) {
        if (codePoint >= 0x10000) {
            return codePoint <= 0x10FFFF;
        }
        return (codePoint < 0xD800 || codePoint > 0xDFFF) && XmlCursor.isXmlChar((char) codePoint);
    }

    private static String shown(String name) {
        return name.length() <= LONGEST_NAME_SHOWN ? name : name.substring(0, LONGEST_NAME_SHOWN) + "...";
    }
}
