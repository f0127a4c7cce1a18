package io.adoec2.events.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.events.JsonFields;
import io.adoec2.events.MalformedEventException;
import java.util.ArrayList;
import java.util.List;

/**
 * The event Lambda receives from an SNS subscription: {@code {"Records":[{"EventSource":"aws:sns",
 * "Sns":{"MessageId":...,"TopicArn":...,"Message":"<the publisher's text>",...}}]}}.
 */
public record SnsEnvelope(List<SnsMessage> messages) {

    /** One SNS message: its id and topic for logs, and the text the publisher sent. */
    public record SnsMessage(String messageId, String topicArn, String body) {}

    public static SnsEnvelope parse(String json) {
        JsonNode root = JsonFields.parse(json, "$");
        JsonNode records = root.get("Records");
        if (records == null || !records.isArray()) {
            throw new MalformedEventException("$.Records", "must be an array of SNS records");
        }
        List<SnsMessage> messages = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String path = "$.Records[" + i + "]";
            JsonNode sns = JsonFields.object(records.get(i), "Sns", path);
            messages.add(new SnsMessage(JsonFields.text(sns, "MessageId", path + ".Sns"),
                    JsonFields.optionalText(sns, "TopicArn", path + ".Sns").orElse(""),
                    JsonFields.text(sns, "Message", path + ".Sns")));
        }
        return new SnsEnvelope(messages);
    }
}
