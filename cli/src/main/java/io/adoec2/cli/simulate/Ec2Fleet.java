package io.adoec2.cli.simulate;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The simulated group's instances, as real EC2 instances in moto's EC2: launched with the
 * group's tags (as an ASG propagates them) and terminated on scale-in, so the handler reads
 * tags and instance state through the same EC2 API it uses in AWS.
 */
public final class Ec2Fleet {
    /** One of the images moto ships; any id it knows will do. */
    private static final String IMAGE = "ami-12c6146b";

    private final Ec2Client ec2;
    private final List<Tag> tags;

    public Ec2Fleet(Ec2Client ec2, Map<String, String> tags) {
        this.ec2 = ec2;
        this.tags = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList();
    }

    public List<String> launch(int count) {
        return ec2.runInstances(r -> r.imageId(IMAGE).instanceType(InstanceType.T3_MICRO)
                        .minCount(count).maxCount(count)
                        .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tags)
                                .build()))
                .instances().stream().map(Instance::instanceId).sorted().toList();
    }

    public void terminate(List<String> instanceIds) {
        ec2.terminateInstances(r -> r.instanceIds(instanceIds));
    }

    /** Removes every tag of the instance, as someone tidying up by hand (or a tag policy) would. */
    void removeTags(String instanceId) {
        ec2.deleteTags(r -> r.resources(instanceId));
    }
}
