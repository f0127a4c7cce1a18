package io.adoec2.handler;

import io.adoec2.entra.EntraApp;
import java.time.Duration;
import java.util.Optional;

/**
 * The functions' credential for Azure DevOps: which mode, and what that mode needs. Only the
 * fields of the chosen mode are set: a PAT parameter for {@code pat}; the app and one of its
 * secret or certificate parameters for {@code service-principal}; the app and the federation's
 * audience and assertion lifetime for {@code workload-identity}.
 */
public record AuthSettings(
        AuthMode mode,
        Optional<String> patParameter,
        Duration secretCacheTtl,
        Optional<EntraApp> app,
        Optional<String> clientSecretParameter,
        Optional<String> clientCertificateParameter,
        String federationAudience,
        Duration assertionLifetime) {

    public static final String DEFAULT_FEDERATION_AUDIENCE = "api://AzureADTokenExchange";
    public static final Duration DEFAULT_ASSERTION_LIFETIME = Duration.ofMinutes(5);

    /** PAT mode with this parameter, as before there were modes. */
    public static AuthSettings pat(String parameter, Duration cacheTtl) {
        return new AuthSettings(AuthMode.PAT, Optional.of(parameter), cacheTtl, Optional.empty(), Optional.empty(),
                Optional.empty(), DEFAULT_FEDERATION_AUDIENCE, DEFAULT_ASSERTION_LIFETIME);
    }
}
