package io.adoec2.handler;

import io.adoec2.lifecycle.Lifecycle;
import io.adoec2.lifecycle.RegistrationStore;
import io.adoec2.observe.EventLog;

/** Everything a handler needs, built once per Lambda container. */
public final class FunctionRuntime {
    private final Dispatch dispatch;
    private final RegistrationStore store;

    public FunctionRuntime(Lifecycle lifecycle, RegistrationStore store, EventLog log) {
        this.dispatch = new Dispatch(lifecycle, log);
        this.store = store;
    }

    static FunctionRuntime shared() {
        throw new UnsupportedOperationException("wired after the adapters land");
    }

    public Dispatch dispatch() {
        return dispatch;
    }

    public RegistrationStore store() {
        return store;
    }
}
