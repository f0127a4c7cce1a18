package io.adoec2.azuredevops;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** Requests sent per operation, retries included: what Azure DevOps sees and rate-limits. */
final class CallCounter {
    private final AtomicLongArray counts = new AtomicLongArray(Operation.values().length);

    void count(Operation operation) {
        counts.incrementAndGet(operation.ordinal());
    }

    /** Operations called at least once, by operationId, in a stable order. */
    Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        for (Operation operation : Operation.values()) {
            long count = counts.get(operation.ordinal());
            if (count > 0) {
                snapshot.put(operation.id(), count);
            }
        }
        return Collections.unmodifiableMap(snapshot);
    }
}
