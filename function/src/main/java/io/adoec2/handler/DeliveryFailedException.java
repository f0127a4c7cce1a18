package io.adoec2.handler;

/** Some messages of an invocation failed; thrown so that the event source delivers them again. */
public class DeliveryFailedException extends RuntimeException {
    public DeliveryFailedException(String message) {
        super(message);
    }
}
