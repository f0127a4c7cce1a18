package io.adoec2.aws.call;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An element of an AWS XML answer, navigated by the local names of its direct children
 * (namespaces differ per API version and carry no meaning for us). Read with the JDK's streaming
 * parser (StAX) into these small records instead of a DOM document: the DOM builder loads about
 * twice the classes at a cold start (bench/LEVERS.md). A document type declaration is refused, so
 * no entity is ever expanded or fetched.
 *
 * @param name     the element's local name
 * @param text     all the text inside it, its children's included, in document order (DOM's text content)
 * @param children its child elements, in document order
 */
public record XmlNode(String name, String text, List<XmlNode> children) {

    private static final XMLInputFactory FACTORY = secureFactory();

    public XmlNode {
        children = List.copyOf(children);
    }

    static XmlNode parse(byte[] xml) throws IOException {
        XMLStreamReader reader;
        try {
            synchronized (FACTORY) {
                reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            }
        } catch (XMLStreamException e) {
            throw new IOException("not well-formed XML: " + e.getMessage(), e);
        }
        try {
            return root(reader);
        } catch (XMLStreamException e) {
            throw new IOException("not well-formed XML: " + e.getMessage(), e);
        } finally {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // Reading from memory: nothing to release.
            }
        }
    }

    /** The direct children with this name, in document order. */
    public List<XmlNode> children(String name) {
        List<XmlNode> found = new ArrayList<>();
        for (XmlNode child : children) {
            if (name.equals(child.name)) {
                found.add(child);
            }
        }
        return found;
    }

    public Optional<XmlNode> child(String name) {
        for (XmlNode child : children) {
            if (name.equals(child.name)) {
                return Optional.of(child);
            }
        }
        return Optional.empty();
    }

    /** The children of the child {@code list} named {@code item}: AWS's way to write a list. */
    public List<XmlNode> list(String list, String item) {
        return child(list).map(l -> l.children(item)).orElse(List.of());
    }

    /** The text of the named child; empty when there is no such child. */
    public Optional<String> text(String name) {
        return child(name).map(XmlNode::text);
    }

    /** The text of a child the API always sends; its absence means the answer is not what we expect. */
    public String requiredText(String name) {
        return text(name).orElseThrow(() -> new IllegalStateException(
                "AWS answer element <" + name() + "> has no <" + name + ">"));
    }

    /** An element being read: its text so far and its children finished so far. */
    private record Open(String name, StringBuilder text, List<XmlNode> children) {}

    private static XmlNode root(XMLStreamReader reader) throws XMLStreamException {
        Deque<Open> open = new ArrayDeque<>();
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.DTD -> throw new XMLStreamException("a DOCTYPE (document type"
                        + " declaration) is not accepted in an AWS answer");
                case XMLStreamConstants.START_ELEMENT ->
                        open.push(new Open(reader.getLocalName(), new StringBuilder(), new ArrayList<>()));
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().text().append(reader.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    Open done = open.pop();
                    XmlNode node = new XmlNode(done.name(), done.text().toString(), done.children());
                    if (open.isEmpty()) {
                        return node;
                    }
                    open.peek().text().append(node.text());
                    open.peek().children().add(node);
                }
                default -> {
                    // Comments and processing instructions carry nothing DOM's text content keeps.
                }
            }
        }
        throw new XMLStreamException("the document has no root element");
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }
}
