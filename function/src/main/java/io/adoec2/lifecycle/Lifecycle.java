package io.adoec2.lifecycle;

/** Dispatches each normalised event to the action that owns it. */
public final class Lifecycle {
    private final LaunchRecorder launches;
    private final TerminationCleaner terminations;

    public Lifecycle(LaunchRecorder launches, TerminationCleaner terminations) {
        this.launches = launches;
        this.terminations = terminations;
    }

    public Outcome handle(LifecycleEvent event) {
        return switch (event) {
            case LifecycleEvent.Launched launched -> launches.launched(launched);
            case LifecycleEvent.Terminated terminated -> terminations.terminated(terminated);
            case LifecycleEvent.Informational info ->
                    new Outcome(Outcome.Result.INFORMATIONAL, "", info.kind() + ": " + info.description());
        };
    }
}
