package io.adoec2.localaws;

/**
 * A local peer (moto's server, a tool it needs) could not be installed or started: a fact about the
 * machine, whose message says what is missing, rather than a bug to trace.
 */
public final class PeerSetupException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public PeerSetupException(String message) {
        super(message);
    }

    public PeerSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
