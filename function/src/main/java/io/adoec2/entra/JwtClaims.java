package io.adoec2.entra;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.azuredevops.Secret;
import io.adoec2.json.JsonTree;
import java.util.Base64;

/**
 * The claims of a JWT that say whose it is and for whom (issuer, subject, audience), read without
 * checking the signature: only to name them when Entra refuses the token. They are not secret; the
 * token is, and it is never kept.
 */
record JwtClaims(String issuer, String subject, String audience) {

    static final JwtClaims NONE = new JwtClaims("?", "?", "?");

    static JwtClaims unverified(Secret jwt) {
        String[] parts = jwt.reveal().split("\\.");
        if (parts.length != 3) {
            return NONE;
        }
        try {
            JsonNode claims = JsonTree.parse(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode audience = claims.path("aud");
            return new JwtClaims(claims.path("iss").asText("?"), claims.path("sub").asText("?"),
                    audience.isArray() ? audience.path(0).asText("?") : audience.asText("?"));
        } catch (Exception notAJwt) {
            return NONE;
        }
    }
}
