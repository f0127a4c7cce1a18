package io.adoec2.azuredevops.simulator;

import java.time.Instant;
import java.util.Optional;

/**
 * Checks an access token an identity provider issued for Azure DevOps (the Entra stand-in): its
 * signature, audience and lifetime at {@code now}. An organization then accepts the app only if it
 * was added as a user.
 */
public interface BearerVerifier {

    /** The app a valid token was issued to; empty for a forged, foreign or expired one. */
    Optional<App> verify(String token, Instant now);

    /** An Entra service principal: the app (client) id in its tenant. */
    record App(String tenantId, String clientId) {
    }
}
