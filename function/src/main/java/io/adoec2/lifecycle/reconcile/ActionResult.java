package io.adoec2.lifecycle.reconcile;

/**
 * What came of one planned action.
 *
 * @param resourcesDeleted VM resources this action deleted (a resource already gone does not count)
 */
public record ActionResult(Action action, Status status, String detail, int resourcesDeleted) {

    public enum Status {
        DONE,
        /** A handler (or another pass) changed the record since the plan read it; the next pass decides again. */
        LOST_RACE,
        FAILED
    }
}
