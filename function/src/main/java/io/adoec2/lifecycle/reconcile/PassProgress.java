package io.adoec2.lifecycle.reconcile;

/**
 * How far a pass has come, for an operator watching a pass over many environments: each
 * environment listed, then each action carried out. The scheduled function watches nothing.
 */
public interface PassProgress {
    PassProgress NONE = new PassProgress() { };

    /** The pass lists {@code environments} environments next. */
    default void listing(int environments) { }

    /** One environment was listed (or could not be). */
    default void listed(String environment) { }

    /** The pass carries out {@code actions} actions next. */
    default void applying(int actions) { }

    /** One action was carried out (or failed). */
    default void applied(Action action) { }
}
