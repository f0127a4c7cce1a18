package io.adoec2.lambdait;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adoec2.testing.Fixtures;
import io.adoec2.testing.Fixtures.SqsMessage;
import io.adoec2.testing.TerraformFunctions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Cold starts of each function of functions.json, measured the way Lambda reports them: a fresh
 * Runtime Interface Emulator per run, one real event, and the emulator's {@code INIT REPORT}
 * (init) and first {@code REPORT} (the first answer, which in the emulator spans init and the
 * first event). Each set of JAVA_TOOL_OPTIONS is measured side by side, runs interleaved so a
 * busy machine weighs on all alike. A benchmark, not a test: it reports numbers, asserts none.
 *
 * <p>Run with {@code tools/measure-cold-start.sh [--runs N] [--out FILE] [--function KEY]... [--options NAME=OPTIONS]...};
 * it writes {@code coldStart}, {@code coldStartSetup} and {@code artifactBytes} into the results
 * file and keeps what else is there.
 */
public final class ColdStart {
    /**
     * The best candidate found to set instead of Lambda's default, measured beside it. A 512 MB
     * function starts with an 8 MB heap (1/64 of its memory) and collects its young generation about
     * 20 times before its first answer; 64 MB from the start leaves 2. No perf-data file: nothing
     * reads it in Lambda. Tried and no better: -Xint, one compiler thread. Not candidates, because
     * they cannot reach a managed-runtime function: an AppCDS archive (the runtime's own
     * -XX:SharedArchiveFile follows JAVA_TOOL_OPTIONS and wins, and classes of an extracted task root
     * are not archived), and diagnostic flags such as skipping bytecode verification.
     */
    static final String CHOSEN_JAVA_TOOL_OPTIONS = ManagedRuntime.DEFAULT_JAVA_TOOL_OPTIONS
            + " -Xms64m -XX:-UsePerfData";

    private record Sample(double initMs, double firstInvokeMs, double cpuMs) {}

    public static void main(String[] args) {
        int runs = 5;
        Path out = Path.of("bench/results.json");
        Map<String, String> optionSets = new LinkedHashMap<>();
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--function" -> only.add(args[++i]);
                case "--options" -> {
                    String[] named = args[++i].split("=", 2);
                    if (named.length != 2 || named[0].isBlank()) {
                        throw new IllegalArgumentException("--options takes NAME=JAVA_TOOL_OPTIONS, not " + args[i]);
                    }
                    optionSets.put(named[0], named[1]);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --runs N, --out FILE, --function KEY, --options NAME=OPTIONS");
            }
        }
        if (optionSets.isEmpty()) {
            optionSets.put("lambdaDefault", ManagedRuntime.DEFAULT_JAVA_TOOL_OPTIONS);
            optionSets.put("chosen", CHOSEN_JAVA_TOOL_OPTIONS);
        }
        // The local peers' HTTP servers run on threads that would keep the JVM alive: exit, which runs the stop hooks.
        int status = 0;
        try (LocalPeers peers = LocalPeers.shared()) {
            new ColdStart(peers, runs, optionSets, only).measure(out);
        } catch (RuntimeException | IOException e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private final LocalPeers peers;
    private final EmulatedFunctions functions;
    private final int runs;
    private final Map<String, String> optionSets;
    /** The functions to measure, by key; empty for all. */
    private final List<String> only;

    private ColdStart(LocalPeers peers, int runs, Map<String, String> optionSets, List<String> only) {
        this.peers = peers;
        this.functions = new EmulatedFunctions(peers);
        this.runs = runs;
        this.optionSets = optionSets;
        this.only = List.copyOf(only);
    }

    private void measure(Path out) throws IOException {
        TerraformFunctions terraform = functions.terraform();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode coldStart = json.createObjectNode();
        ObjectNode events = json.createObjectNode();
        for (TerraformFunctions.Function function : terraform.all()) {
            if (!only.isEmpty() && !only.contains(function.key())) {
                continue;
            }
            String handlerClass = function.handlerClass().replace('.', '/') + ".class";
            if (!Files.isRegularFile(TaskRoot.of(terraform.artifact()).resolve(handlerClass))) {
                System.err.println("cold start: skipping " + function.key() + ": " + function.handlerClass()
                        + " is not in " + terraform.artifact());
                continue;
            }
            events.put(function.key(), workOf(function.source()));
            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            optionSets.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
            for (int run = 1; run <= runs; run++) {
                for (Map.Entry<String, String> options : optionSets.entrySet()) {
                    Sample sample = once(function, options.getValue());
                    samples.get(options.getKey()).add(sample);
                    System.err.printf("cold start: %s %s run %d: init %.1f ms, first answer %.1f ms, cpu %.1f ms%n",
                            function.key(), options.getKey(), run, sample.initMs(), sample.firstInvokeMs(),
                            sample.cpuMs());
                }
            }
            ObjectNode byOptions = coldStart.putObject(function.key());
            samples.forEach((name, list) -> {
                ObjectNode figures = byOptions.putObject(name);
                figures.set("initMs", summary(json, list.stream().map(Sample::initMs).toList()));
                figures.set("firstInvokeMs", summary(json, list.stream().map(Sample::firstInvokeMs).toList()));
                figures.set("cpuMs", summary(json, list.stream().map(Sample::cpuMs).toList()));
            });
        }
        ObjectNode results = Files.isRegularFile(out) ? (ObjectNode) json.readTree(out.toFile()) : json.createObjectNode();
        results.put("artifactBytes", Files.size(terraform.artifact()));
        results.set("coldStart", coldStart);
        ObjectNode setup = results.putObject("coldStartSetup");
        setup.put("measuredAt", Instant.now().toString());
        setup.put("runs", runs);
        setup.put("statistic", "median, min and max over the runs; a fresh emulator and JVM per run");
        setup.put("initMs", "the emulator's INIT REPORT durationMs: JVM start, runtime client, handler class and constructor");
        setup.put("firstInvokeMs", "the first REPORT's Duration: the emulator initializes at the first invocation,"
                + " so it spans init and the first event (cold start to first answer)");
        // Other work on the machine weighs on every figure: the spread says how much.
        setup.put("loadAverage", String.format(Locale.ROOT, "%.2f at the start, %.2f at the end, on %d cores", loadBefore,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors()));
        setup.put("cpuMs", "processor time of the runtime JVM, all threads, up to its first answer: steadier than"
                + " wall time on a busy machine, and what a function with a fraction of a vCPU waits for");
        setup.put("java", System.getProperty("java.vendor") + " " + Runtime.version()
                + " (this machine's JDK; Lambda's java21 is Corretto 21)");
        setup.put("memoryMb", "each function's memory from functions.json (AWS_LAMBDA_FUNCTION_MEMORY_SIZE, -XX:MaxRAM)");
        setup.set("javaToolOptions", json.valueToTree(optionSets));
        setup.set("events", events);
        Files.createDirectories(out.toAbsolutePath().getParent());
        json.writeValue(out.toFile(), results);
        System.err.println("cold start: wrote " + out);
    }

    private Sample once(TerraformFunctions.Function function, String javaToolOptions) {
        String event = eventFor(function.source());
        try (LambdaEmulator lambda = functions.start(function, javaToolOptions)) {
            Invocation invocation = lambda.invoke(event);
            if (invocation.status() != 200 || invocation.errorType().isPresent()) {
                throw new IllegalStateException(function.key() + " failed its cold-start event: " + invocation.body()
                        + "\n" + lambda.tail());
            }
            EmulatorReports reports = lambda.reports();
            double init = reports.initMs().orElseThrow(() ->
                    new IllegalStateException("the emulator wrote no INIT REPORT:\n" + lambda.tail()));
            if (reports.reports().isEmpty()) {
                throw new IllegalStateException("the emulator wrote no REPORT line:\n" + lambda.tail());
            }
            return new Sample(init, reports.first().durationMs(), lambda.runtimeCpu().toNanos() / 1e6);
        }
    }

    /** What the cold-start event of each event source makes the function do. */
    private static String workOf(String source) {
        return switch (source) {
            case "sns" -> "EC2_INSTANCE_LAUNCH notification of a tagged instance: EC2 tags, SSM PAT, Azure DevOps"
                    + " project and environment, DynamoDB conditional put";
            case "sqs" -> "SQS batch of one EventBridge launch action, VM resource already online: EC2 tags, SSM PAT,"
                    + " Azure DevOps project, environment, VM resources and pool, DynamoDB put and update,"
                    + " CompleteLifecycleAction";
            case "schedule" -> "EventBridge Scheduled Event";
            default -> throw new IllegalStateException("no cold-start event for source " + source);
        };
    }

    /** A fresh event per run: a new instance, so each run does the whole work and none finds it done. */
    private String eventFor(String source) {
        Map<String, String> values = new LinkedHashMap<>(Map.of("group", "web-asg", "hook", "ado-agents",
                "messageId", UUID.randomUUID().toString(), "eventId", UUID.randomUUID().toString(),
                "time", Instant.now().toString()));
        return switch (source) {
            case "sns" -> {
                values.put("instanceId", peers.launchInstance());
                yield Fixtures.event("sns/launch.json", values);
            }
            case "sqs" -> {
                String instanceId = peers.launchInstance();
                peers.environment.registerVm(instanceId, List.of("web", "linux"));
                String token = UUID.randomUUID().toString();
                peers.autoScaling.holds(token);
                values.put("instanceId", instanceId);
                values.put("token", token);
                yield Fixtures.sqsBatch(List.of(new SqsMessage(UUID.randomUUID().toString(),
                        Fixtures.event("eventbridge/launch-action.json", values))));
            }
            case "schedule" -> Fixtures.event("schedule/scheduled-event.json", values);
            default -> throw new IllegalStateException("no cold-start event for source " + source);
        };
    }

    private static ObjectNode summary(ObjectMapper json, List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        ObjectNode node = json.createObjectNode();
        node.put("median", round(median));
        node.put("min", round(sorted.getFirst()));
        node.put("max", round(sorted.getLast()));
        return node;
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }
}
