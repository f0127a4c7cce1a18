package io.adoec2.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.adoec2.aws.AwsClients;
import io.adoec2.aws.call.JdkAwsHttp;
import io.adoec2.cli.deployment.SdkCredentials;
import io.adoec2.handler.FunctionConfig;
import io.adoec2.handler.FunctionRuntime;
import io.adoec2.lifecycle.reconcile.ReconcileReport;
import io.adoec2.observe.EventLog;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * One reconcile pass in a JVM of its own, as a fresh Lambda container runs it: the function's
 * variables, AWS_REGION and credentials from the environment, the AWS endpoint from
 * {@code aws.endpointUrl}. Prints one JSON object: the pass's wall time, what it removed, its AWS
 * requests by service, and the most heap it had in use (measured before every collection and at
 * the end). The argument moves the clock forward by that many seconds, so a second pass can be
 * minutes after the first without waiting for them.
 */
public final class ReconcileProbe {

    private ReconcileProbe() {}

    public static void main(String[] args) throws Exception {
        HeapPeak heap = new HeapPeak();
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(Long.parseLong(args[0])));
        Map<String, String> environment = System.getenv();
        AwsRequestCounter requests = new AwsRequestCounter(JdkAwsHttp.create());
        try (AwsClients aws = new AwsClients(environment.get("AWS_REGION"),
                new SdkCredentials(EnvironmentVariableCredentialsProvider.create()), requests)) {
            FunctionRuntime runtime = FunctionRuntime.create(FunctionConfig.fromEnvironment(environment), aws, clock,
                    new EventLog(line -> { }, clock));
            long started = System.nanoTime();
            ReconcileReport report = runtime.reconciler().run();
            double wallMs = (System.nanoTime() - started) / 1e6;

            ObjectNode out = new ObjectMapper().createObjectNode();
            out.put("wallMs", wallMs);
            out.put("removed", report.removed());
            out.put("complete", report.complete());
            requests.byService().forEach(out.putObject("awsRequests")::put);
            out.put("peakHeapBytes", heap.peak());
            out.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
            System.out.println(out);
        }
    }

    /** The most heap in use: the JVM tells how much was in use just before each collection. */
    private static final class HeapPeak {
        private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        private long peak;

        HeapPeak() {
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                    if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        GarbageCollectionNotificationInfo info =
                                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        record(inUse(info.getGcInfo().getMemoryUsageBeforeGc()));
                    }
                }, null, null);
            }
        }

        synchronized long peak() {
            record(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            return peak;
        }

        private synchronized void record(long used) {
            peak = Math.max(peak, used);
        }

        private long inUse(Map<String, MemoryUsage> pools) {
            return pools.entrySet().stream().filter(pool -> heapPools.contains(pool.getKey()))
                    .mapToLong(pool -> pool.getValue().getUsed()).sum();
        }
    }
}
