package io.adoec2.testing;

import io.adoec2.aws.AwsClients;
import io.adoec2.aws.call.AwsQueryCall;
import io.adoec2.aws.call.XmlNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Instances and Auto Scaling groups made in moto through our own Query layer, as fixtures. */
public final class Ec2Fixtures {

    /** One of the AMIs moto knows out of the box. */
    public static final String IMAGE_ID = "ami-12c6146b";

    private final AwsQueryCall ec2;
    private final AwsQueryCall autoScaling;

    public Ec2Fixtures(AwsClients clients) {
        this.ec2 = clients.ec2();
        this.autoScaling = clients.autoScaling();
    }

    public List<String> runInstances(int count, Map<String, String> tags) {
        Map<String, String> parameters = new HashMap<>(Map.of(
                "ImageId", IMAGE_ID, "InstanceType", "t3.micro",
                "MinCount", Integer.toString(count), "MaxCount", Integer.toString(count)));
        if (!tags.isEmpty()) {
            parameters.put("TagSpecification.1.ResourceType", "instance");
            int i = 1;
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                parameters.put("TagSpecification.1.Tag." + i + ".Key", tag.getKey());
                parameters.put("TagSpecification.1.Tag." + i + ".Value", tag.getValue());
                i++;
            }
        }
        return ec2.call("RunInstances", parameters).list("instancesSet", "item").stream()
                .map(instance -> instance.requiredText("instanceId"))
                .toList();
    }

    public void terminate(String instanceId) {
        terminateAll(List.of(instanceId));
    }

    public void terminateAll(List<String> instanceIds) {
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < instanceIds.size(); i++) {
            parameters.put("InstanceId." + (i + 1), instanceIds.get(i));
        }
        ec2.call("TerminateInstances", parameters);
    }

    public void deleteTag(String instanceId, String key) {
        ec2.call("DeleteTags", Map.of("ResourceId.1", instanceId, "Tag.1.Key", key));
    }

    /**
     * An Auto Scaling group of one instance whose tags propagate at launch, as production's
     * groups are set up; returns the id of the instance it launched.
     */
    public String autoScalingGroupInstance(String groupName, Map<String, String> tags) {
        autoScaling.call("CreateLaunchConfiguration", Map.of(
                "LaunchConfigurationName", groupName, "ImageId", IMAGE_ID, "InstanceType", "t3.micro"));
        Map<String, String> parameters = new HashMap<>(Map.of(
                "AutoScalingGroupName", groupName, "LaunchConfigurationName", groupName,
                "MinSize", "1", "MaxSize", "1", "DesiredCapacity", "1",
                "AvailabilityZones.member.1", LocalAws.REGION + "a"));
        int i = 1;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            parameters.put("Tags.member." + i + ".Key", tag.getKey());
            parameters.put("Tags.member." + i + ".Value", tag.getValue());
            parameters.put("Tags.member." + i + ".PropagateAtLaunch", "true");
            i++;
        }
        autoScaling.call("CreateAutoScalingGroup", parameters);
        XmlNode group = autoScaling.call("DescribeAutoScalingGroups",
                        Map.of("AutoScalingGroupNames.member.1", groupName))
                .child("DescribeAutoScalingGroupsResult").orElseThrow()
                .list("AutoScalingGroups", "member").getFirst();
        return group.list("Instances", "member").getFirst().requiredText("InstanceId");
    }
}
