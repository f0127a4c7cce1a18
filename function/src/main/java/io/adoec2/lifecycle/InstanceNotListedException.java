package io.adoec2.lifecycle;

/**
 * EC2 does not list an instance that was launched moments ago: its API is eventually consistent,
 * so the event is handled again later (the source's retry) instead of being taken as gone.
 */
public final class InstanceNotListedException extends RuntimeException {
    public InstanceNotListedException(String instanceId) {
        super("EC2 does not list " + instanceId + " yet; its launch is handled again later");
    }
}
