package io.adoec2.events;

/**
 * A message that cannot be understood. The message names the field (as a JSON path) and what
 * was wrong with it; retrying it cannot help, so it belongs in a dead-letter queue.
 */
public class MalformedEventException extends RuntimeException {
    private final String field;

    public MalformedEventException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
