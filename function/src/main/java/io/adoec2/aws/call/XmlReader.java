package io.adoec2.aws.call;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads what the AWS Query APIs answer (EC2, Auto Scaling, SQS, STS) into {@link XmlNode}s: UTF-8
 * bytes with an optional XML declaration, elements, attributes (checked, not kept: no answer we
 * read carries data in one, and namespaces carry no meaning here), text, CDATA sections, comments,
 * processing instructions (skipped), the five predefined entities and character references.
 * Everything else is refused with the construct named: a DOCTYPE (which could declare entities,
 * external ones among them), any other entity, mismatched or unclosed tags, characters XML does
 * not allow, bytes that are not UTF-8. Nothing outside the answer is ever read.
 *
 * <p>Written for the functions' cold start: the JDK's DOM builder loads about 130 classes of
 * xerces and javax.xml on the first EC2 answer.
 */
final class XmlReader {
    private final XmlCursor in;
    private final StringBuilder text = new StringBuilder();

    private XmlReader(XmlCursor in) {
        this.in = in;
    }

    /** The answer's root element. */
    static XmlNode read(byte[] xml) throws IOException {
        XmlCursor in = new XmlCursor(utf8(xml));
        in.skip("\uFEFF");
        if (in.skip("<?xml")) {
            declaration(in);
        }
        return new XmlReader(in).document();
    }

    private XmlNode document() throws IOException {
        outside("before the root element");
        if (in.atEnd()) {
            throw in.error("there is no root element");
        }
        XmlNode root = elements();
        outside("after the root element");
        if (!in.atEnd()) {
            throw in.error(in.peek() == '<' ? "a second root element" : "text after the root element");
        }
        return root;
    }

    /** White space, comments and processing instructions around the root element; a DOCTYPE is refused here. */
    private void outside(String where) throws IOException {
        while (true) {
            in.skipWhitespace();
            if (in.startsWith("<!DOCTYPE")) {
                throw in.error("a DOCTYPE is refused: an AWS answer has none, and one could declare entities");
            } else if (in.skip("<!--")) {
                comment();
            } else if (in.skip("<?")) {
                processingInstruction();
            } else if (!in.atEnd() && in.peek() != '<') {
                throw in.error("text " + where);
            } else {
                return;
            }
        }
    }

    /** The root element and everything in it, without recursion: a deep answer cannot exhaust the stack. */
    private XmlNode elements() throws IOException {
        if (in.startsWith("</") || in.startsWith("<!") || !in.skip("<")) {
            throw in.error("the root element expected");
        }
        List<XmlNode> open = new ArrayList<>();
        List<String> openNames = new ArrayList<>();
        XmlNode root = startElement(open, openNames);
        while (!open.isEmpty()) {
            if (in.atEnd()) {
                throw in.error("the input ends inside <" + openNames.getLast() + ">");
            }
            if (in.peek() != '<') {
                characters();
            } else if (in.skip("</")) {
                flushText(open);
                String name = in.name("an element name after </");
                in.skipWhitespace();
                in.expect(">", "> closing </" + name);
                if (!name.equals(openNames.getLast())) {
                    throw in.error("</" + name + "> closes <" + openNames.getLast() + ">");
                }
                open.removeLast();
                openNames.removeLast();
            } else if (in.skip("<!--")) {
                comment();
            } else if (in.skip("<![CDATA[")) {
                text.append(checked(in.upTo("]]>", "a CDATA section"), "a CDATA section"));
            } else if (in.skip("<?")) {
                processingInstruction();
            } else if (in.startsWith("<!")) {
                throw in.error("a declaration (<!" + (in.startsWith("<!DOCTYPE") ? "DOCTYPE" : "...")
                        + ") inside an element is refused");
            } else {
                in.skip("<");
                flushText(open);
                open.getLast().add(startElement(open, openNames));
            }
        }
        return root;
    }

    /** The element whose start tag follows the {@code <} just read; left open unless the tag is empty ({@code />}). */
    private XmlNode startElement(List<XmlNode> open, List<String> openNames) throws IOException {
        String name = in.name("an element name after <");
        XmlNode element = new XmlNode(name.substring(name.indexOf(':') + 1));
        if (!startTagEndsEmpty(name)) {
            open.add(element);
            openNames.add(name);
        }
        return element;
    }

    /** Attributes up to the end of a start tag; whether it was an empty-element tag ({@code />}). */
    private boolean startTagEndsEmpty(String element) throws IOException {
        Set<String> attributes = null;
        while (true) {
            boolean spaced = in.skipWhitespace();
            if (in.skip("/>")) {
                return true;
            }
            if (in.skip(">")) {
                return false;
            }
            if (!spaced) {
                throw in.error(in.atEnd() ? "the input ends inside <" + element + ">"
                        : "white space, > or /> expected in <" + element + ">");
            }
            String name = in.name("an attribute name in <" + element + ">");
            if (attributes == null) {
                attributes = new HashSet<>();
            }
            if (!attributes.add(name)) {
                throw in.error("attribute " + name + " appears twice in <" + element + ">");
            }
            in.skipWhitespace();
            in.expect("=", "= after attribute " + name);
            in.skipWhitespace();
            attributeValue(name);
        }
    }

    /** Reads a quoted value, checking its references and characters; the value itself is not kept. */
    private void attributeValue(String name) throws IOException {
        char quote = in.atEnd() ? 0 : in.peek();
        if (quote != '"' && quote != '\'') {
            throw in.error("a quoted value expected for attribute " + name);
        }
        in.next();
        StringBuilder ignored = new StringBuilder();
        while (true) {
            char c = in.next();
            if (c == quote) {
                return;
            } else if (c == '<') {
                throw in.error("< in the value of attribute " + name);
            } else if (c == '&') {
                XmlReferences.decode(in, ignored);
            } else if (!XmlCursor.isXmlChar(c)) {
                throw in.error(forbidden(c) + " in the value of attribute " + name);
            }
        }
    }

    /** Character data up to the next markup, with references decoded and line ends made {@code \n} as XML does. */
    private void characters() throws IOException {
        while (true) {
            in.appendPlainText(text);
            if (in.atEnd() || in.peek() == '<') {
                return;
            }
            char c = in.next();
            if (c == '&') {
                XmlReferences.decode(in, text);
            } else if (c == '\r') {
                in.skip("\n");
                text.append('\n');
            } else if (c == ']' && in.startsWith("]>")) {
                throw in.error("]]> outside a CDATA section");
            } else if (c == ']') {
                text.append(c);
            } else {
                throw in.error(forbidden(c) + " in text");
            }
        }
    }

    private void flushText(List<XmlNode> open) {
        if (!text.isEmpty()) {
            open.getLast().add(text.toString());
            text.setLength(0);
        }
    }

    private void comment() throws IOException {
        String body = in.upTo("-->", "a comment");
        if (body.contains("--") || body.endsWith("-")) {
            throw in.error("-- inside a comment");
        }
        checked(body, "a comment");
    }

    private void processingInstruction() throws IOException {
        String target = in.name("a processing instruction's target after <?");
        if (target.equalsIgnoreCase("xml")) {
            throw in.error("an XML declaration that is not at the start of the answer");
        }
        checked(in.upTo("?>", "processing instruction <?" + target), "processing instruction <?" + target);
    }

    /**
     * The XML declaration after {@code <?xml}: its version must come first and be 1.x, and its
     * encoding, if it names one, must be UTF-8 (the bytes are read as UTF-8 whatever it says).
     */
    private static void declaration(XmlCursor in) throws IOException {
        boolean first = true;
        while (!in.skip("?>")) {
            if (!in.skipWhitespace() && !in.atEnd() && !in.startsWith("?>")) {
                throw in.error(first ? "white space expected after <?xml" : "white space expected in the XML declaration");
            }
            if (in.skip("?>")) {
                break;
            }
            String name = in.name("version, encoding or standalone in the XML declaration");
            in.skipWhitespace();
            in.expect("=", "= after " + name + " in the XML declaration");
            in.skipWhitespace();
            char quote = in.next();
            if (quote != '"' && quote != '\'') {
                throw in.error("a quoted value expected for " + name + " in the XML declaration");
            }
            String value = in.upTo(String.valueOf(quote), "the value of " + name);
            boolean known = switch (name) {
                case "version" -> first && isVersionOne(value);
                case "encoding" -> !first;
                case "standalone" -> !first && (value.equals("yes") || value.equals("no"));
                default -> false;
            };
            if (!known) {
                throw in.error(first && !name.equals("version") ? "the XML declaration must begin with version"
                        : "the XML declaration's " + name + "=" + quote + value + quote + " is not allowed there");
            }
            if (name.equals("encoding") && !value.toUpperCase(Locale.ROOT).equals("UTF-8")) {
                throw in.error("the answer declares encoding " + value + "; only UTF-8 is read");
            }
            first = false;
        }
        if (first) {
            throw in.error("the XML declaration must begin with version");
        }
    }

    /** XML 1.x: {@code 1.} and digits. */
    private static boolean isVersionOne(String version) {
        if (!version.startsWith("1.") || version.length() == 2) {
            return false;
        }
        for (int i = 2; i < version.length(); i++) {
            if (version.charAt(i) < '0' || version.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private String checked(String content, String where) throws IOException {
        for (int i = 0; i < content.length(); i++) {
            if (!XmlCursor.isXmlChar(content.charAt(i))) {
                throw in.error(forbidden(content.charAt(i)) + " in " + where);
            }
        }
        return content.indexOf('\r') < 0 ? content : content.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static String forbidden(char c) {
        return String.format("character U+%04X, which XML does not allow,", (int) c);
    }

    private static String utf8(byte[] xml) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(xml)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("not well-formed XML: the answer is not UTF-8", e);
        }
    }
}
