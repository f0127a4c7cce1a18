package io.adoec2.entra;

/** Entra gave no access token: its refusal, and which setting to fix. Never holds the secret or assertion. */
public final class EntraException extends IllegalStateException {
    public EntraException(String message) {
        super(message);
    }

    public EntraException(String message, Throwable cause) {
        super(message, cause);
    }
}
