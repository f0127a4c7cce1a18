package io.adoec2.handler;

import io.adoec2.azuredevops.RestClientSettings;
import io.adoec2.entra.EntraApp;
import io.adoec2.lifecycle.HookSettings;
import io.adoec2.lifecycle.OrganizationUrl;
import io.adoec2.lifecycle.Placement;
import io.adoec2.lifecycle.Printable;
import io.adoec2.lifecycle.reconcile.ReconcileSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The function's configuration, from environment variables (the Terraform module sets them).
 * A missing or bad value fails at start with a message naming the variable.
 */
public record FunctionConfig(
        String tableName,
        OrganizationUrl defaultOrganization,
        Set<OrganizationUrl> organizations,
        AuthSettings auth,
        Duration recordRetention,
        Duration azureDevOpsTimeout,
        Optional<String> recheckQueueUrl,
        HookSettings hooks,
        ReconcileSettings reconcile) {

    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String ADO_ORGANIZATION_URL = "ADO_ORGANIZATION_URL";
    public static final String ADO_ORGANIZATIONS = "ADO_ORGANIZATIONS";
    public static final String ADO_PAT_PARAMETER = "ADO_PAT_PARAMETER";
    public static final String ADO_PAT_CACHE_SECONDS = "ADO_PAT_CACHE_SECONDS";
    public static final String ADO_AUTH_MODE = "ADO_AUTH_MODE";
    public static final String ENTRA_AUTHORITY_URL = "ENTRA_AUTHORITY_URL";
    public static final String ENTRA_TENANT_ID = "ENTRA_TENANT_ID";
    public static final String ENTRA_CLIENT_ID = "ENTRA_CLIENT_ID";
    public static final String ENTRA_CLIENT_SECRET_PARAMETER = "ENTRA_CLIENT_SECRET_PARAMETER";
    public static final String ENTRA_CLIENT_CERTIFICATE_PARAMETER = "ENTRA_CLIENT_CERTIFICATE_PARAMETER";
    public static final String ENTRA_FEDERATION_AUDIENCE = "ENTRA_FEDERATION_AUDIENCE";
    public static final String ENTRA_ASSERTION_SECONDS = "ENTRA_ASSERTION_SECONDS";
    public static final String RECORD_RETENTION_DAYS = "RECORD_RETENTION_DAYS";
    public static final String ADO_TIMEOUT_SECONDS = "ADO_TIMEOUT_SECONDS";
    public static final String RECHECK_QUEUE_URL = "RECHECK_QUEUE_URL";
    public static final String REGISTRATION_TIMEOUT_SECONDS = "REGISTRATION_TIMEOUT_SECONDS";
    public static final String DRAIN_LIMIT_SECONDS = "DRAIN_LIMIT_SECONDS";
    public static final String RECHECK_INTERVAL_SECONDS = "RECHECK_INTERVAL_SECONDS";
    public static final String HOOK_HEARTBEAT_TIMEOUT_SECONDS = "HOOK_HEARTBEAT_TIMEOUT_SECONDS";
    public static final String RECONCILE_ENVIRONMENTS = "RECONCILE_ENVIRONMENTS";
    public static final String RECONCILE_CONFIRM_MINUTES = "RECONCILE_CONFIRM_MINUTES";
    public static final String RECONCILE_BOOT_GRACE_MINUTES = "RECONCILE_BOOT_GRACE_MINUTES";

    /** Every variable the function reads, for the Terraform drift test and the README. */
    public static final List<String> VARIABLES = List.of(TABLE_NAME, ADO_ORGANIZATION_URL, ADO_ORGANIZATIONS,
            ADO_PAT_PARAMETER, ADO_PAT_CACHE_SECONDS, ADO_AUTH_MODE, ENTRA_AUTHORITY_URL, ENTRA_TENANT_ID,
            ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET_PARAMETER, ENTRA_CLIENT_CERTIFICATE_PARAMETER, ENTRA_FEDERATION_AUDIENCE,
            ENTRA_ASSERTION_SECONDS, RECORD_RETENTION_DAYS, ADO_TIMEOUT_SECONDS, RECHECK_QUEUE_URL,
            REGISTRATION_TIMEOUT_SECONDS, DRAIN_LIMIT_SECONDS, RECHECK_INTERVAL_SECONDS, HOOK_HEARTBEAT_TIMEOUT_SECONDS,
            RECONCILE_ENVIRONMENTS, RECONCILE_CONFIRM_MINUTES, RECONCILE_BOOT_GRACE_MINUTES);

    public FunctionConfig {
        organizations = Set.copyOf(organizations);
    }

    public static FunctionConfig fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String table = required(env, TABLE_NAME, problems);
        OrganizationUrl defaultOrganization = organization(ADO_ORGANIZATION_URL, required(env, ADO_ORGANIZATION_URL,
                problems), problems);
        Set<OrganizationUrl> organizations = new LinkedHashSet<>();
        if (defaultOrganization != null) {
            organizations.add(defaultOrganization);
        }
        for (String value : env.getOrDefault(ADO_ORGANIZATIONS, "").split(",")) {
            if (!value.isBlank()) {
                OrganizationUrl url = organization(ADO_ORGANIZATIONS, value, problems);
                if (url != null) {
                    organizations.add(url);
                }
            }
        }
        AuthSettings auth = auth(env, problems);
        Duration retention = Duration.ofDays(positive(env, RECORD_RETENTION_DAYS, 30, problems));
        Duration timeout = Duration.ofSeconds(positive(env, ADO_TIMEOUT_SECONDS,
                RestClientSettings.DEFAULT_REQUEST_TIMEOUT.toSeconds(), problems));
        HookSettings defaults = HookSettings.defaults();
        Duration registrationTimeout = Duration.ofSeconds(positive(env, REGISTRATION_TIMEOUT_SECONDS,
                defaults.registrationTimeout().toSeconds(), problems));
        Duration drainLimit = Duration.ofSeconds(positive(env, DRAIN_LIMIT_SECONDS,
                defaults.drainLimit().toSeconds(), problems));
        Duration recheckInterval = Duration.ofSeconds(positive(env, RECHECK_INTERVAL_SECONDS,
                defaults.recheckInterval().toSeconds(), problems));
        Duration heartbeatTimeout = Duration.ofSeconds(positive(env, HOOK_HEARTBEAT_TIMEOUT_SECONDS,
                defaults.heartbeatTimeout().toSeconds(), problems));
        HookSettings hooks = null;
        try {
            hooks = new HookSettings(registrationTimeout, drainLimit, recheckInterval, heartbeatTimeout,
                    defaults.listingMaxAge());
        } catch (IllegalArgumentException e) {
            problems.add(RECHECK_INTERVAL_SECONDS + ": " + e.getMessage());
        }
        Optional<String> queue = Optional.ofNullable(env.get(RECHECK_QUEUE_URL)).map(String::strip)
                .filter(url -> !url.isEmpty());
        ReconcileSettings reconcile = new ReconcileSettings(
                Duration.ofMinutes(positive(env, RECONCILE_CONFIRM_MINUTES,
                        ReconcileSettings.DEFAULT_CONFIRM_AFTER.toMinutes(), problems)),
                Duration.ofMinutes(positive(env, RECONCILE_BOOT_GRACE_MINUTES,
                        ReconcileSettings.DEFAULT_BOOT_GRACE.toMinutes(), problems)),
                environments(env.getOrDefault(RECONCILE_ENVIRONMENTS, ""), organizations, problems));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("configuration: " + String.join("; ", problems));
        }
        return new FunctionConfig(table, defaultOrganization, organizations, auth, retention, timeout, queue,
                hooks, reconcile);
    }

    /** The credential settings of the chosen mode; a setting of another mode is an error, not silently ignored. */
    private static AuthSettings auth(Map<String, String> env, List<String> problems) {
        String modeText = env.getOrDefault(ADO_AUTH_MODE, "");
        AuthMode mode = modeText.isBlank() ? AuthMode.PAT : AuthMode.parse(modeText).orElse(null);
        if (mode == null) {
            problems.add(ADO_AUTH_MODE + " must be one of " + AuthMode.choices() + ", not '" + Printable.of(modeText)
                    + "'");
            return null;
        }
        Duration cacheTtl = Duration.ofSeconds(positive(env, ADO_PAT_CACHE_SECONDS, 300, problems));
        long assertionSeconds = positive(env, ENTRA_ASSERTION_SECONDS,
                AuthSettings.DEFAULT_ASSERTION_LIFETIME.toSeconds(), problems);
        if (assertionSeconds < 60 || assertionSeconds > 3600) {
            problems.add(ENTRA_ASSERTION_SECONDS + " must be 60 to 3600 (GetWebIdentityToken's DurationSeconds), not "
                    + assertionSeconds);
        }
        String audience = optional(env, ENTRA_FEDERATION_AUDIENCE).orElse(AuthSettings.DEFAULT_FEDERATION_AUDIENCE);
        Optional<String> pat = optional(env, ADO_PAT_PARAMETER);
        Optional<String> secret = optional(env, ENTRA_CLIENT_SECRET_PARAMETER);
        Optional<String> certificate = optional(env, ENTRA_CLIENT_CERTIFICATE_PARAMETER);
        Optional<EntraApp> app = Optional.empty();
        switch (mode) {
            case PAT -> {
                if (pat.isEmpty()) {
                    problems.add(ADO_PAT_PARAMETER + " is not set (" + ADO_AUTH_MODE + " is pat)");
                }
                notInMode(mode, problems, env, ENTRA_TENANT_ID, ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET_PARAMETER,
                        ENTRA_CLIENT_CERTIFICATE_PARAMETER);
            }
            case SERVICE_PRINCIPAL -> {
                app = app(env, mode, problems);
                if (secret.isPresent() == certificate.isPresent()) {
                    problems.add(ADO_AUTH_MODE + " service-principal needs exactly one of "
                            + ENTRA_CLIENT_SECRET_PARAMETER + " and " + ENTRA_CLIENT_CERTIFICATE_PARAMETER);
                }
                notInMode(mode, problems, env, ADO_PAT_PARAMETER);
            }
            case WORKLOAD_IDENTITY -> {
                app = app(env, mode, problems);
                notInMode(mode, problems, env, ADO_PAT_PARAMETER, ENTRA_CLIENT_SECRET_PARAMETER,
                        ENTRA_CLIENT_CERTIFICATE_PARAMETER);
            }
            default -> throw new IllegalStateException("unknown mode " + mode);
        }
        return new AuthSettings(mode, pat, cacheTtl, app, secret, certificate, audience,
                Duration.ofSeconds(assertionSeconds));
    }

    private static Optional<EntraApp> app(Map<String, String> env, AuthMode mode, List<String> problems) {
        String tenant = required(env, ENTRA_TENANT_ID, problems);
        String client = required(env, ENTRA_CLIENT_ID, problems);
        String authorityText = optional(env, ENTRA_AUTHORITY_URL).orElse(EntraApp.PUBLIC_CLOUD.toString());
        if (tenant == null || client == null) {
            problems.add(ADO_AUTH_MODE + " " + mode + " needs " + ENTRA_TENANT_ID + " and " + ENTRA_CLIENT_ID);
            return Optional.empty();
        }
        try {
            return Optional.of(new EntraApp(URI.create(authorityText), tenant, client,
                    new EntraApp.SettingNames(ENTRA_AUTHORITY_URL, ENTRA_TENANT_ID, ENTRA_CLIENT_ID)));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage().startsWith("ENTRA_") ? e.getMessage()
                    : ENTRA_AUTHORITY_URL + ": " + Printable.of(e.getMessage()));
            return Optional.empty();
        }
    }

    /** A setting of another mode means the deployment is not what its author thinks: say so. */
    private static void notInMode(AuthMode mode, List<String> problems, Map<String, String> env, String... names) {
        for (String name : names) {
            if (optional(env, name).isPresent()) {
                problems.add(name + " is set but " + ADO_AUTH_MODE + " is " + mode + ", which does not use it");
            }
        }
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /**
     * Comma-separated {@code organization/project/environment} entries, the organization a name or
     * URL (split at the last two slashes). It must be a configured one, as an instance's tag must.
     */
    private static List<Placement> environments(String value, Set<OrganizationUrl> organizations,
                                                List<String> problems) {
        List<Placement> environments = new ArrayList<>();
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String text = entry.strip();
            int environmentSlash = text.lastIndexOf('/');
            int projectSlash = environmentSlash <= 0 ? -1 : text.lastIndexOf('/', environmentSlash - 1);
            String project = projectSlash <= 0 ? "" : text.substring(projectSlash + 1, environmentSlash).strip();
            String environment = projectSlash <= 0 ? "" : text.substring(environmentSlash + 1).strip();
            if (project.isEmpty() || environment.isEmpty()) {
                problems.add(RECONCILE_ENVIRONMENTS + ": '" + Printable.of(text)
                        + "' is not organization/project/environment");
                continue;
            }
            OrganizationUrl organization = organization(RECONCILE_ENVIRONMENTS, text.substring(0, projectSlash),
                    problems);
            if (organization != null && !organizations.contains(organization)) {
                problems.add(RECONCILE_ENVIRONMENTS + ": organization " + organization
                        + " is not configured (" + ADO_ORGANIZATION_URL + ", " + ADO_ORGANIZATIONS + ")");
            } else if (organization != null) {
                environments.add(new Placement(organization, project, environment, List.of()));
            }
        }
        return environments;
    }

    private static String required(Map<String, String> env, String name, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            problems.add(name + " is not set");
            return null;
        }
        return value.strip();
    }

    private static OrganizationUrl organization(String name, String value, List<String> problems) {
        if (value == null) {
            return null;
        }
        try {
            return OrganizationUrl.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(name + ": " + e.getMessage());
            return null;
        }
    }

    private static long positive(Map<String, String> env, String name, long fallback, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name
        }
        problems.add(name + " must be a positive whole number, not '" + Printable.of(value) + "'");
        return fallback;
    }
}
