package io.adoec2.azuredevops;

/**
 * Where the client gets its personal access token. Implementations cache; the client calls
 * {@link #refresh()} once when Azure DevOps answers 401, so a rotated PAT is picked up.
 */
public interface TokenSource {
    Secret token();

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
