package io.adoec2.localaws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The end of a child process's log, for error messages that say why it failed. */
final class LogTail {

    private static final int MAX_CHARS = 4000;

    private LogTail() {
    }

    static String of(Path log) {
        try {
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            return text.length() <= MAX_CHARS ? text : "..." + text.substring(text.length() - MAX_CHARS);
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }
}
