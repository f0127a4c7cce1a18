package io.adoec2.retry;

/**
 * A call gave up because its next wait or attempt would end after the invocation's deadline. The
 * work is not lost: the event fails and its source delivers it again to a fresh invocation.
 */
public final class DeadlineReachedException extends RuntimeException {
    public DeadlineReachedException(String message) {
        super(message);
    }

    public DeadlineReachedException(String message, Throwable cause) {
        super(message, cause);
    }
}
