package io.adoec2.testing;

import io.adoec2.aws.AwsClients;
import io.adoec2.aws.call.XmlNode;
import java.util.List;
import java.util.Map;

/** Queues in moto, made and read through our own Query layer, as fixtures. */
public final class SqsFixtures {
    private final AwsClients clients;

    public SqsFixtures(AwsClients clients) {
        this.clients = clients;
    }

    public String createQueue(String name) {
        return clients.sqs().call("CreateQueue", Map.of("QueueName", name))
                .child("CreateQueueResult").orElseThrow().requiredText("QueueUrl");
    }

    public void deleteQueue(String queueUrl) {
        clients.sqs().call("DeleteQueue", Map.of("QueueUrl", queueUrl));
    }

    /** Takes every message that becomes visible within {@code waitSeconds}, deleting them from the queue. */
    public List<Fixtures.SqsMessage> drain(String queueUrl, int waitSeconds) {
        List<XmlNode> messages = clients.sqs().call("ReceiveMessage", Map.of("QueueUrl", queueUrl,
                        "MaxNumberOfMessages", "10", "WaitTimeSeconds", Integer.toString(waitSeconds)))
                .child("ReceiveMessageResult").orElseThrow().children("Message");
        for (XmlNode message : messages) {
            clients.sqs().call("DeleteMessage", Map.of("QueueUrl", queueUrl,
                    "ReceiptHandle", message.requiredText("ReceiptHandle")));
        }
        return messages.stream()
                .map(m -> new Fixtures.SqsMessage(m.requiredText("MessageId"), m.requiredText("Body")))
                .toList();
    }
}
