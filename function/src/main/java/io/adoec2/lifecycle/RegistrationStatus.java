package io.adoec2.lifecycle;

/**
 * Where an instance is in its life as far as its environment is concerned. Records only move
 * forward through this order; DEREGISTERED is final and kept (with a TTL) as a tombstone.
 */
public enum RegistrationStatus {
    LAUNCHING, REGISTERED, DRAINING, DEREGISTERED;

    public boolean isFinal() {
        return this == DEREGISTERED;
    }
}
