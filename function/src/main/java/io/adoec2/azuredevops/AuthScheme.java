package io.adoec2.azuredevops;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** How a credential is put in the Authorization header; the only place besides the HTTP layer that reveals it. */
public enum AuthScheme {
    /** A PAT goes as the password of Basic auth with an empty user name. */
    BASIC_PAT {
        @Override
        String header(Secret token) {
            return "Basic " + Base64.getEncoder().encodeToString((":" + token.reveal())
                    .getBytes(StandardCharsets.UTF_8));
        }
    },
    /** An Entra access token goes as an OAuth bearer token (RFC 6750). */
    BEARER {
        @Override
        String header(Secret token) {
            return "Bearer " + token.reveal();
        }
    };

    abstract String header(Secret token);
}
