package io.adoec2.azuredevops;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A VM resource of an environment and the agent behind it (absent when Azure DevOps sent none). */
public record VmResource(int id, String name, List<String> tags, Instant createdOn, Optional<Agent> agent) {
    public VmResource {
        tags = List.copyOf(tags);
    }
}
