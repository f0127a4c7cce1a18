package io.adoec2.azuredevops;

/** A token that never changes, for tests; {@link #refresh()} has nothing to re-read. */
public final class StaticTokenSource implements TokenSource {
    private final Secret token;

    public StaticTokenSource(Secret token) {
        this.token = token;
    }

    @Override
    public Secret token() {
        return token;
    }

    @Override
    public void refresh() {
        // Nothing cached beyond the value itself.
    }

    @Override
    public String toString() {
        return "StaticTokenSource[" + token + "]";
    }
}
