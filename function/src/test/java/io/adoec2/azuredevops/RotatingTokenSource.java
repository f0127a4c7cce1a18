package io.adoec2.azuredevops;

import java.util.concurrent.atomic.AtomicInteger;

/** A token source whose value changes on refresh, as when the PAT in SSM was rotated. */
final class RotatingTokenSource implements TokenSource {
    private final Secret cached;
    private final Secret current;
    private final AtomicInteger refreshes = new AtomicInteger();

    RotatingTokenSource(String cached, String current) {
        this.cached = Secret.of(cached);
        this.current = Secret.of(current);
    }

    @Override
    public Secret token() {
        return refreshes.get() == 0 ? cached : current;
    }

    @Override
    public void refresh() {
        refreshes.incrementAndGet();
    }

    int refreshes() {
        return refreshes.get();
    }
}
