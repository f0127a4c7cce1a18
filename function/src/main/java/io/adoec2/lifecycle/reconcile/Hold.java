package io.adoec2.lifecycle.reconcile;

/** Why a reconcile pass left an instance (or a tagged instance) alone this time. */
public enum Hold {
    WITHIN_BOOT_GRACE("record in LAUNCHING within the boot grace"),
    DRAINING("record in DRAINING while its instance exists"),
    AGENT_ONLINE("instance gone but its agent still online"),
    AGENT_STATUS_UNKNOWN("instance gone; its agent's status is unknown (listed without one, and the pool could not be listed)"),
    AWAITING_CONFIRMATION("seen gone once; waiting to confirm"),
    FINAL_RECORD_INSTANCE_ALIVE("record final while its instance still exists"),
    TAGS_UNUSABLE("tagged instance not adopted: its tags cannot be used"),
    ENVIRONMENT_NOT_MANAGED("tagged instance not adopted: its environment is not managed here");

    private final String description;

    Hold(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
