package io.adoec2.aws;

import io.adoec2.aws.call.AwsOperation;
import io.adoec2.aws.call.AwsQueryCall;
import io.adoec2.aws.call.XmlNode;
import io.adoec2.lifecycle.InstanceDirectory;
import io.adoec2.lifecycle.InstanceState;
import io.adoec2.lifecycle.InstanceTags;
import io.adoec2.lifecycle.reconcile.TaggedInstance;
import io.adoec2.lifecycle.reconcile.TaggedInstances;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * EC2's view of instances, read with DescribeInstances. Ids are passed as values of the
 * {@code instance-id} filter rather than as InstanceId parameters: EC2 fails a whole request
 * when one given InstanceId is unknown, while a filter simply leaves it out of the answer.
 * Only well-formed ids are asked for: filter values take wildcards ({@code i-*}), and ids may
 * come from tags and names anyone can write.
 */
public final class Ec2Instances implements InstanceTags, InstanceDirectory, TaggedInstances {

    /** EC2 accepts at most 200 filter values in one request (FilterLimitExceeded beyond). */
    static final int MAX_IDS_PER_REQUEST = 200;
    /** EC2's largest page of DescribeInstances; a filter of 200 ids fits in one. */
    static final int MAX_PAGE_SIZE = 1000;

    /** The states of an instance that is not gone, as the instance-state-name filter spells them. */
    private static final List<String> NOT_GONE = List.of("pending", "running", "shutting-down", "stopping", "stopped");

    private static final Pattern INSTANCE_ID = Pattern.compile("i-(?:[0-9a-f]{8}|[0-9a-f]{17})");

    private final AwsQueryCall ec2;
    private final int idsPerRequest;
    private final int pageSize;

    public Ec2Instances(AwsQueryCall ec2) {
        this(ec2, MAX_IDS_PER_REQUEST, MAX_PAGE_SIZE);
    }

    /** Smaller batches and pages let tests reach batching and paging with few instances. */
    Ec2Instances(AwsQueryCall ec2, int idsPerRequest, int pageSize) {
        if (idsPerRequest < 1 || idsPerRequest > MAX_IDS_PER_REQUEST) {
            throw new IllegalArgumentException("ids per request must be 1.." + MAX_IDS_PER_REQUEST);
        }
        if (pageSize < 5 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 5.." + MAX_PAGE_SIZE + " (EC2's limits)");
        }
        this.ec2 = ec2;
        this.idsPerRequest = idsPerRequest;
        this.pageSize = pageSize;
    }

    /** Whether the id has the form of an instance id: only such ids are sent to AWS. */
    static boolean wellFormed(String instanceId) {
        return INSTANCE_ID.matcher(instanceId).matches();
    }

    @Override
    public Optional<Map<String, String>> of(String instanceId) {
        if (!wellFormed(instanceId)) {
            return Optional.empty();
        }
        List<XmlNode> found = new ArrayList<>();
        describe(List.of(instanceId), found::add);
        return found.stream()
                .filter(instance -> instanceId.equals(instance.requiredText("instanceId")))
                .findFirst()
                .map(Ec2Instances::tagsOf);
    }

    @Override
    public Map<String, InstanceState> states(Collection<String> instanceIds) {
        Map<String, InstanceState> states = new LinkedHashMap<>();
        instanceIds.forEach(id -> states.put(id, InstanceState.NOT_FOUND));
        List<String> ids = states.keySet().stream().filter(Ec2Instances::wellFormed).toList();
        for (int from = 0; from < ids.size(); from += idsPerRequest) {
            describe(ids.subList(from, Math.min(from + idsPerRequest, ids.size())), instance -> {
                String id = instance.requiredText("instanceId");
                if (states.containsKey(id)) {
                    states.put(id, stateOf(instance));
                }
            });
        }
        return states;
    }

    @Override
    public List<TaggedInstance> carryingAnyOf(Set<String> tagKeys) {
        if (tagKeys.isEmpty()) {
            return List.of();
        }
        Map<String, String> parameters = new HashMap<>();
        filter(parameters, 1, "tag-key", tagKeys.stream().sorted().toList());
        filter(parameters, 2, "instance-state-name", NOT_GONE);
        List<TaggedInstance> found = new ArrayList<>();
        describePages(parameters, instance -> found.add(new TaggedInstance(instance.requiredText("instanceId"),
                stateOf(instance), tagsOf(instance))));
        return found;
    }

    /** Every instance EC2 returns for these ids (at most {@link #MAX_IDS_PER_REQUEST}), all pages. */
    private void describe(List<String> ids, Consumer<XmlNode> eachInstance) {
        Map<String, String> parameters = new HashMap<>();
        filter(parameters, 1, "instance-id", ids);
        describePages(parameters, eachInstance);
    }

    /** A filter the Query way: {@code Filter.n.Name} and its values {@code Filter.n.Value.1...}, which EC2 ORs. */
    private static void filter(Map<String, String> parameters, int n, String name, List<String> values) {
        parameters.put("Filter." + n + ".Name", name);
        for (int i = 0; i < values.size(); i++) {
            parameters.put("Filter." + n + ".Value." + (i + 1), values.get(i));
        }
    }

    /** Every instance EC2 returns for these filters, all pages. */
    private void describePages(Map<String, String> filters, Consumer<XmlNode> eachInstance) {
        Map<String, String> parameters = new HashMap<>(filters);
        parameters.put("MaxResults", Integer.toString(pageSize));
        Optional<String> nextToken = Optional.empty();
        do {
            nextToken.ifPresentOrElse(token -> parameters.put("NextToken", token), () -> parameters.remove("NextToken"));
            XmlNode page = ec2.call(AwsOperation.EC2_DESCRIBE_INSTANCES, parameters);
            for (XmlNode reservation : page.list("reservationSet", "item")) {
                reservation.list("instancesSet", "item").forEach(eachInstance);
            }
            nextToken = page.text("nextToken").filter(token -> !token.isBlank());
        } while (nextToken.isPresent());
    }

    private static Map<String, String> tagsOf(XmlNode instance) {
        Map<String, String> tags = new HashMap<>();
        for (XmlNode tag : instance.list("tagSet", "item")) {
            tags.put(tag.requiredText("key"), tag.text("value").orElse(""));
        }
        return Map.copyOf(tags);
    }

    private static InstanceState stateOf(XmlNode instance) {
        String name = instance.child("instanceState").flatMap(s -> s.text("name")).orElseThrow(() ->
                new IllegalStateException("EC2 described instance " + instance.requiredText("instanceId")
                        + " without a state"));
        return switch (name) {
            case "pending" -> InstanceState.PENDING;
            case "running" -> InstanceState.RUNNING;
            case "stopping" -> InstanceState.STOPPING;
            case "stopped" -> InstanceState.STOPPED;
            case "shutting-down" -> InstanceState.SHUTTING_DOWN;
            case "terminated" -> InstanceState.TERMINATED;
            default -> throw new IllegalStateException("EC2 reported instance "
                    + instance.requiredText("instanceId") + " in an unknown state '" + name + "'");
        };
    }
}
