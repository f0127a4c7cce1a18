package io.adoec2.lifecycle;

/** An instance's AzDevOps-* tags are present but cannot be used; the message names the tag. */
public class InvalidTagsException extends RuntimeException {
    private final String tag;

    public InvalidTagsException(String tag, String message) {
        super(message);
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
