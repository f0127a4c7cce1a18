package io.adoec2.lifecycle;

import java.util.List;

/**
 * Where an instance's VM resource belongs, as its tags name it: the organization, project and
 * environment by name, and the tags to put on the VM resource.
 */
public record Placement(OrganizationUrl organization, String project, String environment,
                        List<String> resourceTags) {
    public Placement {
        resourceTags = List.copyOf(resourceTags);
    }
}
