package io.adoec2.entra;

import java.net.URI;

/**
 * An Entra app registration (the service principal the functions act as) and where to ask for its
 * tokens. {@code settings} names the configuration that holds each value, so a refusal can say
 * which one to fix.
 */
public record EntraApp(URI authority, String tenantId, String clientId, SettingNames settings) {

    /** Azure DevOps' resource id, with the app's own permissions (client credentials take {@code .default}). */
    public static final String AZURE_DEVOPS_SCOPE = "499b84ac-1321-427f-aa17-267ca6975798/.default";

    /** The public cloud's authority; US Government and China have their own (a setting). */
    public static final URI PUBLIC_CLOUD = URI.create("https://login.microsoftonline.com");

    /** The names of the settings behind the values, for messages. */
    public record SettingNames(String authority, String tenantId, String clientId) {
    }

    public EntraApp {
        if (authority.getScheme() == null || authority.getHost() == null) {
            throw new IllegalArgumentException(settings.authority() + " must be a URL such as " + PUBLIC_CLOUD
                    + ", not '" + authority + "'");
        }
        requireId(tenantId, settings.tenantId());
        requireId(clientId, settings.clientId());
    }

    /** {@code {authority}/{tenant}/oauth2/v2.0/token}, the v2 endpoint of the tenant. */
    public URI tokenEndpoint() {
        String base = authority.toString().replaceAll("/+$", "");
        return URI.create(base + "/" + tenantId + "/oauth2/v2.0/token");
    }

    /** A GUID, or for the tenant also a verified domain name: nothing that could reshape the URL. */
    private static void requireId(String value, String setting) {
        if (value == null || !value.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,252}")) {
            throw new IllegalArgumentException(setting + " must be a GUID (or, for the tenant, its domain name), not '"
                    + (value == null ? "" : value.replaceAll("[^\\x20-\\x7e]", "?")) + "'");
        }
    }
}
