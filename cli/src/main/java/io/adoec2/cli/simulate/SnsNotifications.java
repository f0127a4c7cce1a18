package io.adoec2.cli.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * Auto Scaling notifications wrapped the way SNS hands them to Lambda, field for field as AWS
 * documents them, so the simulated ASG drives the handler through its real parsing path.
 */
public final class SnsNotifications {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012";
    private static final String TOPIC = "arn:aws:sns:eu-west-1:" + ACCOUNT + ":ado-ec2-lifecycle-asg-notifications";

    private final String region;

    public SnsNotifications(String region) {
        this.region = region;
    }

    String launch(String group, String instanceId, Instant at, UUID messageId) {
        return envelope(notification("autoscaling:EC2_INSTANCE_LAUNCH", group, instanceId, at,
                "Launching a new EC2 instance: " + instanceId), "Auto Scaling: launch for group \"" + group + "\"",
                at, messageId);
    }

    public String terminate(String group, String instanceId, Instant at, UUID messageId) {
        return envelope(notification("autoscaling:EC2_INSTANCE_TERMINATE", group, instanceId, at,
                "Terminating EC2 instance: " + instanceId), "Auto Scaling: termination for group \"" + group + "\"",
                at, messageId);
    }

    private ObjectNode notification(String event, String group, String instanceId, Instant at, String description) {
        ObjectNode message = JSON.createObjectNode();
        message.put("Progress", 50);
        message.put("AccountId", ACCOUNT);
        message.put("Description", description);
        message.put("RequestId", UUID.nameUUIDFromBytes((event + instanceId).getBytes()).toString());
        message.put("EndTime", at.toString());
        message.put("AutoScalingGroupARN", "arn:aws:autoscaling:" + region + ":" + ACCOUNT
                + ":autoScalingGroup:" + UUID.nameUUIDFromBytes(group.getBytes()) + ":autoScalingGroupName/" + group);
        message.put("ActivityId", UUID.nameUUIDFromBytes((instanceId + event + "activity").getBytes()).toString());
        message.put("StartTime", at.minusSeconds(30).toString());
        message.put("Service", "AWS Auto Scaling");
        message.put("Time", at.toString());
        message.put("EC2InstanceId", instanceId);
        message.put("StatusCode", "InProgress");
        message.put("StatusMessage", "");
        ObjectNode details = message.putObject("Details");
        details.put("Subnet ID", "subnet-0a1b2c3d");
        details.put("Availability Zone", region + "a");
        message.put("AutoScalingGroupName", group);
        message.put("Cause", "At " + at + " a user request update of AutoScalingGroup constraints changed the "
                + "desired capacity.");
        message.put("Event", event);
        return message;
    }

    private String envelope(ObjectNode message, String subject, Instant at, UUID messageId) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("EventSource", "aws:sns");
        record.put("EventVersion", "1.0");
        record.put("EventSubscriptionArn", TOPIC + ":" + UUID.nameUUIDFromBytes(TOPIC.getBytes()));
        ObjectNode sns = record.putObject("Sns");
        sns.put("Type", "Notification");
        sns.put("MessageId", messageId.toString());
        sns.put("TopicArn", TOPIC);
        sns.put("Subject", subject);
        sns.put("Message", message.toString());
        sns.put("Timestamp", at.toString());
        sns.put("SignatureVersion", "1");
        sns.put("Signature", "EXAMPLE");
        sns.put("SigningCertUrl", "https://sns." + region + ".amazonaws.com/SimpleNotificationService-0000.pem");
        sns.put("UnsubscribeUrl", "https://sns." + region + ".amazonaws.com/?Action=Unsubscribe");
        sns.putObject("MessageAttributes");
        return root.toString();
    }
}
