package io.adoec2.azuredevops.simulator;

import java.util.Set;

/**
 * Who is calling and what the credential they called with allows: a PAT's scopes, or a bearer
 * token's. This is where a principal's permissions attach (an Entra token's scopes or roles map to
 * the same scope names).
 */
record Caller(Identity identity, Set<String> scopes) {

    Caller {
        scopes = Set.copyOf(scopes);
    }

    static Caller fullAccess(Identity identity) {
        return new Caller(identity, Set.of(Scopes.FULL_ACCESS));
    }
}
