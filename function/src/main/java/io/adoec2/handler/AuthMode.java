package io.adoec2.handler;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the functions authenticate to Azure DevOps. */
public enum AuthMode {
    /** A personal access token from SSM, over Basic auth. */
    PAT("pat"),
    /** An Entra app's access token, the app proving itself with a client secret or certificate from SSM. */
    SERVICE_PRINCIPAL("service-principal"),
    /** An Entra app's access token, the app proving itself with the function role's AWS-signed JWT: nothing stored. */
    WORKLOAD_IDENTITY("workload-identity");

    private final String id;

    AuthMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<AuthMode> parse(String value) {
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(mode -> mode.id.equals(wanted)).findFirst();
    }

    public static String choices() {
        return Arrays.stream(values()).map(AuthMode::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
