package io.adoec2.azuredevops.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Per-operation fault injection. Each operation rolls its own random stream derived from the seed, so
 * the outcome of the n-th call of an operation does not depend on how calls of other operations
 * interleave with it across server threads.
 */
public final class Faults {

    /** What to do with one request. */
    sealed interface Outcome {
        Duration latency();
    }

    record Pass(Duration latency) implements Outcome {
    }

    record Fail(Duration latency, int status) implements Outcome {
    }

    /** Refused as rate-limited: 429 with Retry-After. */
    record Throttle(Duration latency, Duration retryAfter) implements Outcome {
    }

    record Drop(Duration latency) implements Outcome {
    }

    private final long seed;
    private final Map<String, Fault> faults = new HashMap<>();
    private final Map<String, Random> randoms = new HashMap<>();
    /** The next outcomes of each operation, given the latency then in force. */
    private final Map<String, Deque<Function<Duration, Outcome>>> scripted = new HashMap<>();

    Faults(long seed) {
        this.seed = seed;
    }

    /** Applies {@code fault} to every later call of {@code operation} (replacing an earlier one). */
    public synchronized void set(String operation, Fault fault) {
        Operations.requireKnown(operation);
        faults.put(operation, fault);
        randoms.put(operation, new Random(seed ^ operation.hashCode()));
    }

    /** Fails exactly the next {@code count} calls of {@code operation} with {@code status}, before any rolled fault. */
    public synchronized void failNext(String operation, int count, int status) {
        Operations.requireKnown(operation);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be a 4xx or 5xx status, was " + status);
        }
        script(operation, count, latency -> new Fail(latency, status));
    }

    /**
     * Refuses exactly the next {@code count} calls of {@code operation} as Azure DevOps refuses a caller
     * whose budget is spent (429, Retry-After, the blocked-request body), before any rolled fault: a burst
     * of rate limiting that the caller's own requests need not have caused (another tool on the same
     * identity, a busy organization).
     */
    public synchronized void throttleNext(String operation, int count, Duration retryAfter) {
        Operations.requireKnown(operation);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("retryAfter must be positive, was " + retryAfter);
        }
        script(operation, count, latency -> new Throttle(latency, retryAfter));
    }

    private void script(String operation, int count, Function<Duration, Outcome> outcome) {
        Deque<Function<Duration, Outcome>> queue = scripted.computeIfAbsent(operation, op -> new ArrayDeque<>());
        for (int i = 0; i < count; i++) {
            queue.add(outcome);
        }
    }

    /** Removes every fault, rolled and scripted. */
    public synchronized void clear() {
        faults.clear();
        randoms.clear();
        scripted.clear();
    }

    synchronized Outcome decide(String operation) {
        Fault fault = faults.get(operation);
        Duration latency = fault == null ? Duration.ZERO : fault.latency();
        Deque<Function<Duration, Outcome>> queue = scripted.get(operation);
        if (queue != null && !queue.isEmpty()) {
            return queue.poll().apply(latency);
        }
        if (fault == null) {
            return new Pass(latency);
        }
        Random random = randoms.get(operation);
        double dropRoll = random.nextDouble();
        double errorRoll = random.nextDouble();
        if (dropRoll < fault.dropRate()) {
            return new Drop(latency);
        }
        if (errorRoll < fault.errorRate()) {
            return new Fail(latency, fault.errorStatus());
        }
        return new Pass(latency);
    }
}
