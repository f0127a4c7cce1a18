package io.adoec2.azuredevops;

/**
 * Where the client gets its credential: a personal access token, or an Entra access token.
 * Implementations cache; the client calls {@link #refresh()} once when Azure DevOps answers 401,
 * so a rotated PAT or a revoked access token is replaced.
 */
public interface TokenSource {
    Secret token();

    /** How the credential travels: a PAT as the password of Basic auth unless the source says otherwise. */
    default AuthScheme scheme() {
        return AuthScheme.BASIC_PAT;
    }

    /** Drops any cached value; the next {@link #token()} reads the source again. */
    void refresh();

    /**
     * Where the token comes from, as an operator would look for it ("SSM parameter /ado/pat"), for
     * the error that says it was refused. Never the token itself.
     */
    default String origin() {
        return "the configured token source";
    }
}
