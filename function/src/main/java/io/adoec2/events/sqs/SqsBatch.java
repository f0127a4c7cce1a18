package io.adoec2.events.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.events.JsonFields;
import io.adoec2.events.MalformedEventException;
import java.util.ArrayList;
import java.util.List;

/**
 * The event Lambda receives from an SQS event source mapping: {@code {"Records":[{"messageId":..,
 * "receiptHandle":..,"body":"<the message>","attributes":{"ApproximateReceiveCount":"1",...},
 * "eventSource":"aws:sqs",...}]}}.
 */
public record SqsBatch(List<SqsMessage> messages) {

    /** One SQS message: its id (what a partial batch failure names) and its body. */
    public record SqsMessage(String messageId, String body) {}

    public static SqsBatch parse(String json) {
        JsonNode root = JsonFields.parse(json, "$");
        JsonNode records = root.get("Records");
        if (records == null || !records.isArray()) {
            throw new MalformedEventException("$.Records", "must be an array of SQS records");
        }
        List<SqsMessage> messages = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String path = "$.Records[" + i + "]";
            JsonNode record = records.get(i);
            if (!record.isObject()) {
                throw new MalformedEventException(path, "must be an object");
            }
            messages.add(new SqsMessage(JsonFields.text(record, "messageId", path),
                    JsonFields.optionalText(record, "body", path).orElse("")));
        }
        return new SqsBatch(messages);
    }
}
