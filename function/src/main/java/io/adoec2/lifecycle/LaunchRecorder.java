package io.adoec2.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * On launch: reads the instance's tags while it still has them, resolves where its VM resource
 * belongs and writes the record that termination will need (the tags are usually gone by then).
 */
public final class LaunchRecorder {
    /** How long after its launch an instance EC2 does not list is taken for EC2's lag, not for gone. */
    static final Duration NOT_LISTED_YET = Duration.ofMinutes(5);

    private final RegistrationStore store;
    private final InstancePlacer placer;
    private final Clock clock;

    LaunchRecorder(RegistrationStore store, InstancePlacer placer, Clock clock) {
        this.store = store;
        this.placer = placer;
        this.clock = clock;
    }

    public Outcome launched(LifecycleEvent.Launched event) {
        String instanceId = event.instanceId();
        Optional<InstanceRecord> existing = store.find(instanceId);
        if (existing.isPresent()) {
            return alreadyKnown(existing.get());
        }
        return switch (placer.place(instanceId)) {
            case InstancePlacer.Placing.Gone gone -> {
                // EC2 lists a new instance a little after it launched: a miss soon after is retried.
                if (clock.instant().isBefore(event.at().plus(NOT_LISTED_YET))) {
                    throw new InstanceNotListedException(instanceId);
                }
                yield new Outcome(Outcome.Result.INSTANCE_GONE, instanceId, "EC2 does not know the instance any more");
            }
            case InstancePlacer.Placing.NotManaged notManaged -> new Outcome(Outcome.Result.NOT_MANAGED, instanceId,
                    "no " + TagContract.PROJECT + "/" + TagContract.ENVIRONMENT + " tags");
            case InstancePlacer.Placing.Rejected rejected ->
                    new Outcome(Outcome.Result.REJECTED, instanceId, rejected.reason(), rejected.tags());
            case InstancePlacer.Placing.Placed placed -> record(event, placed);
        };
    }

    private Outcome record(LifecycleEvent.Launched event, InstancePlacer.Placing.Placed placed) {
        String instanceId = event.instanceId();
        ResolvedEnvironment where = placed.where();
        InstanceRecord record = InstanceRecord.launching(instanceId, event.autoScalingGroup(), where,
                placed.placement().resourceTags(), Optional.empty(), clock.instant());
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
