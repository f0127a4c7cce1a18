package io.adoec2.entra;

import io.adoec2.azuredevops.Secret;
import java.util.Map;
import java.util.Optional;

/**
 * Workload identity federation: a JWT from another issuer (here the function role's token from AWS
 * STS) presented as the client assertion; Entra accepts it when a federated identity credential on
 * the app names its issuer, subject and audience (Microsoft identity platform, client credentials
 * flow, "access token request with a federated credential"). Nothing secret is stored.
 */
public final class FederatedCredential implements ClientCredential {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final WebIdentityTokens tokens;
    private final String audienceSetting;
    private final String lifetimeSetting;
    private volatile JwtClaims presented;

    /** The settings named in messages: the audience asked for, and the token's lifetime. */
    public FederatedCredential(WebIdentityTokens tokens, String audienceSetting, String lifetimeSetting) {
        this.tokens = tokens;
        this.audienceSetting = audienceSetting;
        this.lifetimeSetting = lifetimeSetting;
    }

    @Override
    public Map<String, String> proof(EntraApp app) {
        Secret assertion = tokens.token();
        presented = JwtClaims.unverified(assertion);
        return Map.of("client_assertion_type", JWT_BEARER, "client_assertion", assertion.reveal());
    }

    @Override
    public void refresh() {
        // Each request gets a fresh token already.
    }

    @Override
    public Optional<String> fixFor(int code) {
        JwtClaims claims = presented == null ? JwtClaims.NONE : presented;
        String issuer = "issuer '" + claims.issuer() + "'";
        String subject = "subject '" + claims.subject() + "'";
        String audience = "audience '" + claims.audience() + "'";
        return switch (code) {
            case 700211 -> Optional.of("the app's federated credential must have " + issuer + " (Terraform output"
                    + " web_identity_issuer: the AWS account's issuer URL)");
            case 700213 -> Optional.of("the app's federated credential must have " + subject + " (Terraform output"
                    + " web_identity_subjects: the function role's ARN)");
            case 700212 -> Optional.of(audienceSetting + " (" + audience + ") must be one of the audiences of the"
                    + " app's federated credential");
            case 70021 -> Optional.of("the app's federated credential must have " + issuer + ", " + subject + " and "
                    + audience + " (" + audienceSetting + "; Terraform outputs web_identity_issuer, web_identity_subjects)");
            case 70025 -> Optional.of("the app has no federated credential: add one with " + issuer + ", " + subject
                    + " and " + audience);
            case 700024 -> Optional.of(lifetimeSetting + ": the web identity token was outside its valid time at"
                    + " Entra; check the clocks and the token's lifetime (" + tokens.describe() + ")");
            case 700027 -> Optional.of("the issuer's published keys (" + claims.issuer() + "/.well-known/jwks.json)"
                    + " do not verify the web identity token");
            default -> Optional.empty();
        };
    }
}
