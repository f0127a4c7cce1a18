package io.adoec2.azuredevops.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every request served, in the order the responses were decided. */
public final class CallLog {

    private final List<Call> calls = new ArrayList<>();

    synchronized void record(Call call) {
        calls.add(call);
    }

    public synchronized List<Call> all() {
        return List.copyOf(calls);
    }

    /** The calls recorded after the first {@code from}: a reader that follows the log copies only what is new. */
    public synchronized List<Call> since(int from) {
        return List.copyOf(calls.subList(from, calls.size()));
    }

    public synchronized Map<String, Long> countsByOperation() {
        Map<String, Long> counts = new TreeMap<>();
        for (Call call : calls) {
            counts.merge(call.operation(), 1L, Long::sum);
        }
        return counts;
    }

    public synchronized long total() {
        return calls.size();
    }

    public synchronized void clear() {
        calls.clear();
    }
}
