package io.adoec2.aws.call;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An element of an AWS XML answer, navigated by the local names of its direct children
 * (namespaces differ per API version and carry no meaning for us). Read by {@link XmlReader}.
 */
public final class XmlNode {
    private final String name;
    /** Text ({@link String}) and child elements ({@link XmlNode}) in document order. */
    private final List<Object> content = new ArrayList<>();

    XmlNode(String name) {
        this.name = name;
    }

    /** The root element of an answer; an IOException naming what is wrong when it is not well-formed XML. */
    static XmlNode parse(byte[] xml) throws IOException {
        return XmlReader.read(xml);
    }

    /** While reading: appends text or a child element. */
    void add(Object textOrElement) {
        content.add(textOrElement);
    }

    /** The element's local name (without a namespace prefix). */
    public String name() {
        return name;
    }

    /** The direct children with this name, in document order. */
    public List<XmlNode> children(String name) {
        List<XmlNode> found = new ArrayList<>();
        for (Object part : content) {
            if (part instanceof XmlNode child && child.name.equals(name)) {
                found.add(child);
            }
        }
        return found;
    }

    public Optional<XmlNode> child(String name) {
        for (Object part : content) {
            if (part instanceof XmlNode child && child.name.equals(name)) {
                return Optional.of(child);
            }
        }
        return Optional.empty();
    }

    /** The children of the child {@code list} named {@code item}: AWS's way to write a list. */
    public List<XmlNode> list(String list, String item) {
        return child(list).map(l -> l.children(item)).orElse(List.of());
    }

    /** The text of the named child (all the text within it, as DOM's text content); empty when there is no such child. */
    public Optional<String> text(String name) {
        return child(name).map(XmlNode::textContent);
    }

    /** The text of a child the API always sends; its absence means the answer is not what we expect. */
    public String requiredText(String name) {
        return text(name).orElseThrow(() -> new IllegalStateException(
                "AWS answer element <" + name() + "> has no <" + name + ">"));
    }

    private String textContent() {
        if (content.size() == 1 && content.getFirst() instanceof String only) {
            return only;
        }
        StringBuilder text = new StringBuilder();
        appendText(text);
        return text.toString();
    }

    private void appendText(StringBuilder into) {
        for (Object part : content) {
            if (part instanceof XmlNode child) {
                child.appendText(into);
            } else {
                into.append((String) part);
            }
        }
    }
}
