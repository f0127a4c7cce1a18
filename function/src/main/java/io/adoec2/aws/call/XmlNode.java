package io.adoec2.aws.call;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An element of an AWS XML answer, navigated by the local names of its direct children
 * (namespaces differ per API version and carry no meaning for us).
 */
public record XmlNode(Element element) {

    private static final DocumentBuilderFactory FACTORY = secureFactory();

    static XmlNode parse(byte[] xml) throws IOException {
        try {
            DocumentBuilder builder;
            synchronized (FACTORY) {
                builder = FACTORY.newDocumentBuilder();
            }
            // Throws on malformed input instead of printing to stderr as the default handler does.
            builder.setErrorHandler(new DefaultHandler());
            return new XmlNode(builder.parse(new ByteArrayInputStream(xml)).getDocumentElement());
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    public String name() {
        return element.getLocalName();
    }

    /** The direct children with this name, in document order. */
    public List<XmlNode> children(String name) {
        List<XmlNode> found = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && name.equals(e.getLocalName())) {
                found.add(new XmlNode(e));
            }
        }
        return found;
    }

    public Optional<XmlNode> child(String name) {
        List<XmlNode> found = children(name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** The children of the child {@code list} named {@code item}: AWS's way to write a list. */
    public List<XmlNode> list(String list, String item) {
        return child(list).map(l -> l.children(item)).orElse(List.of());
    }

    /** The text of the named child; empty when there is no such child. */
    public Optional<String> text(String name) {
        return child(name).map(c -> c.element.getTextContent());
    }

    /** The text of a child the API always sends; its absence means the answer is not what we expect. */
    public String requiredText(String name) {
        return text(name).orElseThrow(() -> new IllegalStateException(
                "AWS answer element <" + name() + "> has no <" + name + ">"));
    }

    private static DocumentBuilderFactory secureFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setExpandEntityReferences(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required safety feature", e);
        }
        return factory;
    }
}
