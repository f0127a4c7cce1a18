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
    private volatile JwtClaims presented;

    public FederatedCredential(WebIdentityTokens tokens, String audienceSetting) {
        this.tokens = tokens;
        this.audienceSetting = audienceSetting;
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
        String credential = "the app's federated identity credential";
        return switch (code) {
            case 700211 -> Optional.of(credential + " must have " + issuer + " (the Terraform output"
                    + " web_identity_issuer: the AWS account's issuer URL)");
            case 700213 -> Optional.of(credential + " must have " + subject + " (the Terraform output"
                    + " web_identity_subject: the function role's ARN)");
            case 700212 -> Optional.of(credential + " must list " + audience + ", or " + audienceSetting
                    + " must name one of its audiences");
            case 70021 -> Optional.of(credential + " must have " + issuer + ", " + subject + " and " + audience
                    + " (" + audienceSetting + "; Terraform outputs web_identity_issuer, web_identity_subject)");
            case 70025 -> Optional.of("the app has no federated identity credential: add one with " + issuer + ", "
                    + subject + " and " + audience);
            case 700024 -> Optional.of("the assertion (" + tokens.describe() + ") was not within its valid time when"
                    + " Entra checked it: check the clocks and the assertion's lifetime");
            case 700027 -> Optional.of("Entra could not verify the assertion's signature against " + issuer
                    + "'s published keys (its /.well-known/jwks.json)");
            default -> Optional.empty();
        };
    }
}
