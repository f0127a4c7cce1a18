package io.adoec2.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Event JSON in the shapes AWS documents, with ${name} placeholders filled per test. */
public final class Fixtures {
    private Fixtures() {}

    public static String event(String path, Map<String, String> values) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/events/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture events/" + path);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> value : values.entrySet()) {
                text = text.replace("${" + value.getKey() + "}", value.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One message of an SQS batch: its id and body. */
    public record SqsMessage(String messageId, String body) {}

    /**
     * An SQS event as Lambda's event source mapping delivers it, every documented field filled,
     * around the given message bodies.
     */
    public static String sqsBatch(List<SqsMessage> messages) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode records = root.putArray("Records");
        for (SqsMessage message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a" + message.messageId().hashCode());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            attributes.put("ApproximateReceiveCount", "1");
            attributes.put("SentTimestamp", "1764062000000");
            attributes.put("SenderId", "AIDAIENQZJOLO23YVJ4VO");
            attributes.put("ApproximateFirstReceiveTimestamp", "1764062000010");
            record.putObject("messageAttributes");
            record.put("md5OfBody", "e4e68fb7bd0e697a0ae8f1bb342846b3");
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", "arn:aws:sqs:eu-west-1:123456789012:ado-ec2-lifecycle-events");
            record.put("awsRegion", "eu-west-1");
        }
        return root.toString();
    }
}
