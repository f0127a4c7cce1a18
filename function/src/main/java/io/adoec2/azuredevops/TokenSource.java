package io.adoec2.azuredevops;

/**
 * Where the client gets its personal access token. Implementations cache; the client calls
 * {@link #refresh()} once when Azure DevOps answers 401, so a rotated PAT is picked up.
 */
public interface TokenSource {
    Secret token();

    /** Drops any cached value; the next {@link #token()} reads the source again. */
    void refresh();
}
