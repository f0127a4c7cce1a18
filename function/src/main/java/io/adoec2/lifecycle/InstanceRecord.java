package io.adoec2.lifecycle;

import io.adoec2.azuredevops.EnvironmentRef;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The registration record of one EC2 instance: where its VM resource lives and how far its
 * life has gone. {@code version} is the optimistic-concurrency counter every conditional
 * write checks; {@code expiresAt} is the DynamoDB TTL, set when the record becomes final, in
 * whole seconds because that is the TTL's resolution (a stored record reads back equal).
 * {@code goneObservedAt} is the reconciler's first sighting of the instance gone (EC2 reports
 * it terminated or unknown, its agent not online); a second sighting minutes later confirms it.
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
        long version,
        Optional<Instant> goneObservedAt) {

    public InstanceRecord {
        resourceTags = List.copyOf(resourceTags);
        expiresAt = expiresAt.map(at -> at.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A record the reconciler has not seen gone. */
    public InstanceRecord(String instanceId, Optional<String> asgName, Optional<String> organizationUrl,
                          Optional<String> projectId, Optional<String> projectName, Optional<Integer> environmentId,
                          Optional<String> environmentName, List<String> resourceTags, Optional<Integer> resourceId,
                          RegistrationStatus status, Instant createdAt, Instant updatedAt, Optional<Instant> expiresAt,
                          long version) {
        this(instanceId, asgName, organizationUrl, projectId, projectName, environmentId, environmentName,
                resourceTags, resourceId, status, createdAt, updatedAt, expiresAt, version, Optional.empty());
    }

    /** A first record for an instance launched into a known environment. */
    public static InstanceRecord launching(String instanceId, Optional<String> asgName, ResolvedEnvironment where,
                                           List<String> resourceTags, Instant now) {
        return new InstanceRecord(instanceId, asgName, Optional.of(where.organization().toString()),
                Optional.of(where.project().id()), Optional.of(where.project().name()),
                Optional.of(where.environment().id()), Optional.of(where.environment().name()),
                resourceTags, Optional.empty(), RegistrationStatus.LAUNCHING, now, now, Optional.empty(), 0);
    }

    /**
     * A final record for an instance whose termination came first (or whose tags placed it
     * nowhere): it holds no environment, only the fact that the instance is gone.
     */
    public static InstanceRecord tombstone(String instanceId, Optional<String> asgName, Instant now, Duration retention) {
        return new InstanceRecord(instanceId, asgName, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty(), RegistrationStatus.DEREGISTERED,
                now, now, Optional.of(now.plus(retention)), 0);
    }

    /** The next version of this record, in its final state, kept for {@code retention} as a tombstone. */
    public InstanceRecord deregistered(Instant now, Duration retention) {
        return new InstanceRecord(instanceId, asgName, organizationUrl, projectId, projectName, environmentId,
                environmentName, resourceTags, resourceId, RegistrationStatus.DEREGISTERED, createdAt, now,
                Optional.of(now.plus(retention)), version + 1, goneObservedAt);
    }

    /** The next version of this record, noting that the reconciler saw its instance gone now. */
    public InstanceRecord observedGone(Instant now) {
        return new InstanceRecord(instanceId, asgName, organizationUrl, projectId, projectName, environmentId,
                environmentName, resourceTags, resourceId, status, createdAt, now, expiresAt, version + 1,
                Optional.of(now));
    }

    /** The next version of this record without the reconciler's sighting: the instance or its agent is back. */
    public InstanceRecord observationCleared(Instant now) {
        return new InstanceRecord(instanceId, asgName, organizationUrl, projectId, projectName, environmentId,
                environmentName, resourceTags, resourceId, status, createdAt, now, expiresAt, version + 1,
                Optional.empty());
    }

    /** The environment this record places its instance in, when it holds one. */
    public Optional<RecordedEnvironment> environment() {
        if (organizationUrl.isEmpty() || projectId.isEmpty() || environmentId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RecordedEnvironment(OrganizationUrl.parse(organizationUrl.get()),
                new EnvironmentRef(projectId.get(), environmentId.get(), environmentName.orElse(""))));
    }

    /** An environment as a record holds it: enough to call Azure DevOps without any lookup. */
    public record RecordedEnvironment(OrganizationUrl organization, EnvironmentRef environment) {}
}
