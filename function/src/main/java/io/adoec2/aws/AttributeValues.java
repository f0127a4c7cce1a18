package io.adoec2.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DynamoDB's typed attribute values as its JSON protocol writes them: {@code {"S":"text"}},
 * {@code {"N":"42"}} (numbers travel as strings), {@code {"L":[...]}}. A value is an object with
 * exactly one member, whose name is the type.
 */
final class AttributeValues {
    static final String STRING = "S";
    static final String NUMBER = "N";
    static final String LIST = "L";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AttributeValues() {}

    static ObjectNode s(String value) {
        return NODES.objectNode().put(STRING, value);
    }

    static ObjectNode n(long value) {
        return NODES.objectNode().put(NUMBER, Long.toString(value));
    }

    static ObjectNode l(List<? extends JsonNode> values) {
        ObjectNode node = NODES.objectNode();
        node.putArray(LIST).addAll(values);
        return node;
    }

    /** An item or key: attribute name to typed value. */
    static ObjectNode item(Map<String, ? extends JsonNode> attributes) {
        ObjectNode item = NODES.objectNode();
        attributes.forEach(item::set);
        return item;
    }

    /** The type of a value ({@code S}, {@code N}, ...), empty when it is not a one-member object. */
    static Optional<String> typeOf(JsonNode value) {
        if (value == null || !value.isObject() || value.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(value.fieldNames().next());
    }
}
