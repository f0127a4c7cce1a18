package io.adoec2.lifecycle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The registration record of one EC2 instance: where its VM resource lives and how far its
 * life has gone. {@code version} is the optimistic-concurrency counter every conditional
 * write checks; {@code expiresAt} is the DynamoDB TTL, set when the record becomes final, in
 * whole seconds because that is the TTL's resolution (a stored record reads back equal).
 */
public record InstanceRecord(
        String instanceId,
        Optional<String> asgName,
        Optional<String> organizationUrl,
        Optional<String> projectId,
        Optional<String> projectName,
        Optional<Integer> environmentId,
        Optional<String> environmentName,
        List<String> resourceTags,
        Optional<Integer> resourceId,
        RegistrationStatus status,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> expiresAt,
        long version) {

    public InstanceRecord {
        resourceTags = List.copyOf(resourceTags);
        expiresAt = expiresAt.map(at -> at.truncatedTo(ChronoUnit.SECONDS));
    }
}
