package io.adoec2.azuredevops;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Azure DevOps' naming rules for projects, used to answer for a name that no project can have
 * without asking the server, and to say why. (Names reach us from EC2 tags, so anything arrives.)
 */
final class ProjectNames {
    /** The characters Azure DevOps forbids in a project name. */
    private static final String FORBIDDEN = "\\/:*?\"<>|;#${},+=[]";
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ProjectNames() {}

    static boolean isId(String value) {
        return GUID.matcher(value).matches();
    }

    /** Why no project can have this name, or empty when it is a valid project name. */
    static Optional<String> invalidBecause(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (FORBIDDEN.indexOf(c) >= 0) {
                return Optional.of("project names cannot contain '" + c + "'");
            }
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                return Optional.of("project names cannot contain control or surrogate characters");
            }
        }
        if (name.startsWith("_")) {
            return Optional.of("project names cannot start with '_'");
        }
        if (name.startsWith(".") || name.endsWith(".")) {
            return Optional.of("project names cannot start or end with '.'");
        }
        return Optional.empty();
    }
}
