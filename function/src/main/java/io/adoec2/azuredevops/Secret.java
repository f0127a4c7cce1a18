package io.adoec2.azuredevops;

/**
 * A credential value that never shows itself in a log line, exception or debugger toString.
 * Only {@link #reveal()} gives the text, and only the HTTP layer calls it.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        return new Secret(value.strip());
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
