package io.adoec2.cli.status;

/** How an instance (or a VM resource) is out of step, as {@code status} names it. */
public enum Drift {
    ORPHAN("orphan: VM resource of an instance EC2 reports gone"),
    UNREGISTERED("unregistered: running past the boot grace with no VM resource"),
    STUCK("stuck: record in one state past its time limit"),
    NOT_OURS("resource not ours: no record places it; never touched"),
    NO_RECORD("no record: its launch was never seen; the reconciler adopts it"),
    STALE_RECORD("stale record: instance gone, record still open, no VM resource");

    private final String description;

    Drift(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
