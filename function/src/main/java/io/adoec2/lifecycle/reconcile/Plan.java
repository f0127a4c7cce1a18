package io.adoec2.lifecycle.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a reconcile pass found and decided, before anything is written or deleted: printed as is
 * by a dry run, executed by {@link Reconciler#apply}.
 *
 * @param held     how many instances were left alone, by reason
 * @param problems what could not be looked at (an environment that could not be listed, ...);
 *                 the pass is incomplete when there are any
 */
public record Plan(Instant at, List<Action> actions, List<EnvironmentView> environments, Map<Hold, Integer> held,
                   List<String> problems) {

    public Plan {
        actions = List.copyOf(actions);
        environments = List.copyOf(environments);
        held = Map.copyOf(held);
        problems = List.copyOf(problems);
    }
}
