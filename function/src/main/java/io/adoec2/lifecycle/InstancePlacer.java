package io.adoec2.lifecycle;

import io.adoec2.azuredevops.NotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Finds out, from an instance's EC2 tags, which environment its VM resource belongs in. */
public final class InstancePlacer {

    /** Where an instance belongs, or why it belongs nowhere. */
    public sealed interface Placing {
        record Placed(Placement placement, ResolvedEnvironment where) implements Placing {}

        /** No AzDevOps-* tags: not ours. */
        record NotManaged() implements Placing {}

        /** EC2 does not know the instance (any more). */
        record Gone() implements Placing {}

        /**
         * Tags present but unusable, or naming an organization, project or environment that is not
         * there. {@code tags}: the AzDevOps-* tags as found, for the log line's fields.
         */
        record Rejected(String reason, Map<String, String> tags) implements Placing {}
    }

    private final InstanceTags instanceTags;
    private final Organizations organizations;
    private final EnvironmentResolver resolver;

    public InstancePlacer(InstanceTags instanceTags, Organizations organizations, EnvironmentResolver resolver) {
        this.instanceTags = instanceTags;
        this.organizations = organizations;
        this.resolver = resolver;
    }

    public Placing place(String instanceId) {
        Optional<Map<String, String>> tags = instanceTags.of(instanceId);
        if (tags.isEmpty()) {
            return new Placing.Gone();
        }
        try {
            Optional<Placement> placement = TagContract.placementOf(tags.get(), organizations.defaultOrganization());
            if (placement.isEmpty()) {
                return new Placing.NotManaged();
            }
            return new Placing.Placed(placement.get(), resolver.resolve(placement.get()));
        } catch (InvalidTagsException | OrganizationNotAllowedException e) {
            return new Placing.Rejected(e.getMessage(), placementTags(tags.get()));
        } catch (NotFoundException e) {
            return new Placing.Rejected("cannot place the instance: " + e.getMessage(), placementTags(tags.get()));
        }
    }

    /** The tags that say where an instance goes, as log field names: organization, project, environment. */
    static Map<String, String> placementTags(Map<String, String> tags) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("organization", tags.getOrDefault(TagContract.ORGANIZATION, "(default)"));
        fields.put("project", tags.getOrDefault(TagContract.PROJECT, ""));
        fields.put("environment", tags.getOrDefault(TagContract.ENVIRONMENT, ""));
        return fields;
    }
}
