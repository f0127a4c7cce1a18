package io.adoec2.observe;

import io.adoec2.lifecycle.LifecycleActions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one invocation asked of its peers, counted where the adapters meet them (the Azure DevOps
 * transport, the Auto Scaling lifecycle actions) and written as one embedded-metric line when the
 * invocation ends ({@link #flush}), not one line per call. A Lambda execution environment runs one
 * invocation at a time, so the runtime's one instance holds exactly the current invocation's calls.
 *
 * <p>The class is in the metric's name, not in a dimension: one line carries one value per dimension,
 * so "delayed" and "refused" could not both be counted in it as values of one. Every metric of the line has
 * the invocation's event source as its one dimension ({@code Source}: sns, sqs or schedule).
 */
public final class InvocationMetrics {
    /** Requests sent to Azure DevOps, retries included: what Azure DevOps counts against the identity. */
    public static final String AZURE_DEVOPS_REQUESTS = "AzureDevOpsRequests";
    /** Answers Azure DevOps held back before sending (X-RateLimit-Delay): the budget is nearly spent. */
    public static final String AZURE_DEVOPS_DELAYED = "AzureDevOpsDelayed";
    /** Requests Azure DevOps refused with 429: the budget is spent; they are retried after Retry-After. */
    public static final String AZURE_DEVOPS_REFUSED = "AzureDevOpsRefused";
    /** Each request's time to its answer (or to the failure), in milliseconds. */
    public static final String AZURE_DEVOPS_LATENCY = "AzureDevOpsLatency";
    public static final String HOOKS_CONTINUED = "HookCompletedContinue";
    public static final String HOOKS_ABANDONED = "HookCompletedAbandon";
    /**
     * A completion or heartbeat Auto Scaling refused because it no longer held the action: it had
     * timed out (and Auto Scaling applied the hook's default result), another delivery had completed
     * it, or the token was never Auto Scaling's.
     */
    public static final String HOOKS_NOT_HELD = "HookNotHeld";
    public static final String DIMENSION = "Source";
    /** The message of every invocation's metric line, to find them among the event lines. */
    public static final String MESSAGE = "the invocation's calls to Azure DevOps and Auto Scaling";
    /** The embedded metric format takes at most 100 values in one metric's array. */
    static final int MAX_VALUES = 100;

    private long requests;
    private long delayed;
    private long refused;
    private final long[] latencies = new long[MAX_VALUES];
    /** Latencies measured; above {@link #MAX_VALUES} a uniform sample of them is kept (reservoir sampling). */
    private long measured;
    private long continued;
    private long abandoned;
    private long notHeld;

    /** One request answered (any status) after {@code millis}; {@code delayed} when it carried X-RateLimit-Delay. */
    public synchronized void azureDevOpsAnswered(int status, boolean delayed, long millis) {
        requests++;
        if (delayed) {
            this.delayed++;
        }
        if (status == 429) {
            refused++;
        }
        latency(millis);
    }

    /** One request that got no answer (refused connection, dropped, timed out) after {@code millis}. */
    public synchronized void azureDevOpsUnanswered(long millis) {
        requests++;
        latency(millis);
    }

    public synchronized void hookCompleted(LifecycleActions.Result result) {
        switch (result) {
            case CONTINUE -> continued++;
            case ABANDON -> abandoned++;
        }
    }

    public synchronized void hookNotHeld() {
        notHeld++;
    }

    /**
     * Writes what was counted since the last flush as one line, and starts counting afresh. Writes
     * nothing when nothing was counted; and only the families the invocation touched (Azure DevOps,
     * lifecycle hooks), because each metric and dimension value that ever appears is a CloudWatch
     * metric of its own, billed monthly: a reconciler line with a zero hook count would add three.
     */
    public void flush(EventLog log, String source) {
        List<EventLog.Metric> metrics = new ArrayList<>();
        synchronized (this) {
            if (requests > 0) {
                metrics.add(EventLog.Metric.count(AZURE_DEVOPS_REQUESTS, requests));
                metrics.add(EventLog.Metric.count(AZURE_DEVOPS_DELAYED, delayed));
                metrics.add(EventLog.Metric.count(AZURE_DEVOPS_REFUSED, refused));
                metrics.add(EventLog.Metric.milliseconds(AZURE_DEVOPS_LATENCY,
                        Arrays.copyOf(latencies, (int) Math.min(measured, MAX_VALUES))));
            }
            if (continued + abandoned + notHeld > 0) {
                metrics.add(EventLog.Metric.count(HOOKS_CONTINUED, continued));
                metrics.add(EventLog.Metric.count(HOOKS_ABANDONED, abandoned));
                metrics.add(EventLog.Metric.count(HOOKS_NOT_HELD, notHeld));
            }
            requests = delayed = refused = measured = continued = abandoned = notHeld = 0;
        }
        if (metrics.isEmpty()) {
            return;
        }
        log.measure(notHeld(metrics) ? "WARN" : "INFO", MESSAGE,
                DIMENSION, source, metrics);
    }

    private static boolean notHeld(List<EventLog.Metric> metrics) {
        return metrics.stream().anyMatch(metric -> metric.name().equals(HOOKS_NOT_HELD) && metric.values()[0] > 0);
    }

    private void latency(long millis) {
        if (measured < MAX_VALUES) {
            latencies[(int) measured] = millis;
        } else {
            long slot = ThreadLocalRandom.current().nextLong(measured + 1);
            if (slot < MAX_VALUES) {
                latencies[(int) slot] = millis;
            }
        }
        measured++;
    }
}
