package io.adoec2.lifecycle;

import io.adoec2.azuredevops.NotFoundException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * On launch: reads the instance's tags while it still has them, resolves where its VM resource
 * belongs and writes the record that termination will need (the tags are usually gone by then).
 */
public final class LaunchRecorder {
    private final RegistrationStore store;
    private final InstanceTags instanceTags;
    private final Organizations organizations;
    private final EnvironmentResolver resolver;
    private final Clock clock;

    public LaunchRecorder(RegistrationStore store, InstanceTags instanceTags, Organizations organizations,
                          EnvironmentResolver resolver, Clock clock) {
        this.store = store;
        this.instanceTags = instanceTags;
        this.organizations = organizations;
        this.resolver = resolver;
        this.clock = clock;
    }

    public Outcome launched(LifecycleEvent.Launched event) {
        String instanceId = event.instanceId();
        Optional<InstanceRecord> existing = store.find(instanceId);
        if (existing.isPresent()) {
            return alreadyKnown(existing.get());
        }
        Optional<Map<String, String>> tags = instanceTags.of(instanceId);
        if (tags.isEmpty()) {
            return new Outcome(Outcome.Result.INSTANCE_GONE, instanceId, "EC2 does not know the instance any more");
        }
        Optional<Placement> placement;
        ResolvedEnvironment where;
        try {
            placement = TagContract.placementOf(tags.get(), organizations.defaultOrganization());
            if (placement.isEmpty()) {
                return new Outcome(Outcome.Result.NOT_MANAGED, instanceId,
                        "no " + TagContract.PROJECT + "/" + TagContract.ENVIRONMENT + " tags");
            }
            where = resolver.resolve(placement.get());
        } catch (InvalidTagsException | OrganizationNotAllowedException e) {
            return new Outcome(Outcome.Result.REJECTED, instanceId, e.getMessage());
        } catch (NotFoundException e) {
            return new Outcome(Outcome.Result.REJECTED, instanceId, "cannot place the instance: " + e.getMessage());
        }
        InstanceRecord record = InstanceRecord.launching(instanceId, event.autoScalingGroup(), where,
                placement.get().resourceTags(), Optional.empty(), clock.instant());
        if (store.create(record)) {
            return new Outcome(Outcome.Result.RECORDED, instanceId, "environment " + where.environment().name()
                    + " (" + where.environment().id() + ") of project " + where.project().name());
        }
        // Another delivery of this launch, or its termination, wrote first.
        return store.find(instanceId).map(this::alreadyKnown)
                .orElseThrow(() -> new IllegalStateException("record for " + instanceId
                        + " neither created nor found; the table rejected a write it did not report"));
    }

    private Outcome alreadyKnown(InstanceRecord record) {
        if (record.status().isFinal()) {
            return new Outcome(Outcome.Result.LATE_LAUNCH_IGNORED, record.instanceId(),
                    "the instance's termination was already handled");
        }
        return new Outcome(Outcome.Result.DUPLICATE, record.instanceId(), "already recorded as " + record.status());
    }
}
