package io.adoec2.azuredevops.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Who is calling. A PAT is the password of HTTP Basic with any user name; a bearer token is sent as
 * is. Both are checked against the organization in the path only: a PAT of one organization is
 * unknown in another. An unknown or missing credential is treated like anonymous, which Azure DevOps
 * answers with 401 and its authentication challenges, or, for a browser that did not ask for
 * {@code X-TFS-FedAuthRedirect: Suppress}, with a 203 sign-in page.
 */
final class Authenticator {

    private static final String SIGN_IN_PAGE = "<!DOCTYPE html><html><head><title>Azure DevOps Services | Sign In"
            + "</title></head><body>Sign in to your account</body></html>";

    private Authenticator() {
    }

    /** The caller and its credential's scopes, if the organization accepts the credential. Call under the world lock. */
    static Optional<Caller> identify(Optional<OrgState> organization, Request request) {
        return organization.flatMap(org -> request.header("Authorization").flatMap(header -> identify(org, header)));
    }

    private static Optional<Caller> identify(OrgState organization, String header) {
        int space = header.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
        String value = header.substring(space + 1).strip();
        return switch (scheme) {
            case "basic" -> basicPassword(value).flatMap(organization::byPat);
            case "bearer" -> organization.byBearerToken(value);
            default -> Optional.empty();
        };
    }

    private static Optional<String> basicPassword(String encoded) {
        try {
            String userAndPassword = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = userAndPassword.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(userAndPassword.substring(colon + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /**
     * The answer to a request without an accepted credential, and to one whose credential lacks the
     * operation's scope: users report a PAT short of a scope gets 401 Unauthorized (for example
     * microsoft/terraform-provider-azuredevops issues 724 and 897, pulumi/pulumi-azuredevops issue 68),
     * and no body is documented, so the simulator answers as for a refused credential: a client cannot
     * tell the two apart.
     */
    static Response challenge(Request request) {
        boolean suppressed = request.header("X-TFS-FedAuthRedirect").map("Suppress"::equalsIgnoreCase).orElse(false);
        boolean browser = request.header("Accept").map(accept -> accept.contains("text/html")).orElse(false);
        if (browser && !suppressed) {
            return Response.html(203, SIGN_IN_PAGE);
        }
        return Response.empty(401)
                .withHeader("WWW-Authenticate", "Bearer authorization_uri=https://login.microsoftonline.com/common")
                .withHeader("WWW-Authenticate", "Basic realm=\"https://dev.azure.com/\"")
                .withHeader("WWW-Authenticate", "TFS-Federated")
                .withHeader("X-TFS-FedAuthRealm", "https://dev.azure.com/")
                .withHeader("X-TFS-FedAuthIssuer", "https://dev.azure.com/");
    }
}
