package io.adoec2.lambdait;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adoec2.localaws.ProjectRoot;
import io.adoec2.testing.Fixtures;
import io.adoec2.testing.Fixtures.SqsMessage;
import io.adoec2.testing.TerraformFunctions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

/**
 * Cold starts of each function of functions.json beside a trivial one-class handler, measured the
 * way Lambda reports them: a fresh Runtime Interface Emulator and JVM per run, one real event, and
 * the emulator's {@code INIT REPORT} (init) and first {@code REPORT} (the first answer, which in the
 * emulator spans init and the first event), with the runtime JVM's processor time, classes loaded
 * and peak resident memory read when it has answered. Runs alternate (A B C D A B C D ...), so a
 * busy machine weighs on every function alike, and each function's medians are set against the
 * trivial handler's of the same run: the ratio is the figure to read, wall times are the machine's.
 * A second yardstick, the same-calls handler, makes the SNS function's HTTP requests before its first
 * answer and nothing else: a function's ratio to it says how much of the gap to the trivial handler is
 * its own code rather than those round trips from a fresh JVM.
 * A benchmark, not a test: it reports numbers, asserts none.
 *
 * <p>Run with {@code tools/measure-cold-start.sh [--runs N] [--out FILE] [--function KEY]...
 * [--options NAME=OPTIONS]... [--compare NAME=JAR]... [--shared-archive on|off]}, which builds the
 * two yardsticks' jars ({@code --compare} measures each function from another build too, as KEY@NAME); it
 * writes {@code coldStart}, {@code coldStartSetup} and {@code artifactBytes} into the results file and
 * keeps what else is there.
 */
public final class ColdStart {
    /** The trivial handler's key among the functions': the yardstick of the issue's ratios. */
    static final String BASELINE = "trivial-java";
    static final String BASELINE_HANDLER = "baseline.TrivialHandler::handleRequest";
    /** The same-calls handler's key: the SNS function's requests before its first answer, and nothing else. */
    static final String SAME_CALLS = "same-calls-java";
    static final String SAME_CALLS_HANDLER = "baseline.SameCallsHandler::handleRequest";

    /** Where the same-calls handler's jar is (lambda-it's build makes it; the script and the tests pass its path). */
    static final String SAME_CALLS_JAR_PROPERTY = "cold.start.same.calls.jar";

    /** The one-class handlers measured beside the functions, each from a jar of its own that lambda-it's build makes. */
    private enum Yardstick {
        TRIVIAL(BASELINE, BASELINE_HANDLER, "cold.start.baseline.jar", "trivial handler"),
        SAME_CALLS_ONLY(SAME_CALLS, SAME_CALLS_HANDLER, SAME_CALLS_JAR_PROPERTY, "same-calls handler");

        final String key;
        final String handler;
        final String jarProperty;
        final String description;

        Yardstick(String key, String handler, String jarProperty, String description) {
            this.key = key;
            this.handler = handler;
            this.jarProperty = jarProperty;
            this.description = description;
        }
    }
    /** The function whose memory, timeout and event the yardsticks are given. */
    private static final String BASELINE_LIKE = "asg-notifications";

    private record Subject(TerraformFunctions.Function function, Path artifact) {
        String key() {
            return function.key();
        }
    }

    private record Sample(double initMs, double firstInvokeMs, double cpuMs, OptionalLong classesLoaded,
                          OptionalLong peakRssKb) {}

    public static void main(String[] args) {
        int runs = 5;
        Path out = Path.of("bench/results.json");
        Map<String, String> optionSets = new LinkedHashMap<>();
        List<String> only = new ArrayList<>();
        boolean sharedArchive = true;
        Map<String, Path> compared = new LinkedHashMap<>();
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
                case "--compare" -> {
                    String[] named = args[++i].split("=", 2);
                    if (named.length != 2 || named[0].isBlank() || !Files.isRegularFile(Path.of(named[1]))) {
                        throw new IllegalArgumentException("--compare takes NAME=JAR of an existing jar, not " + args[i]);
                    }
                    compared.put(named[0], Path.of(named[1]));
                }
                case "--shared-archive" -> sharedArchive = switch (args[++i]) {
                    case "on" -> true;
                    case "off" -> false;
                    default -> throw new IllegalArgumentException("--shared-archive takes on or off, not " + args[i]);
                };
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --runs N, --out FILE, --function KEY, --options NAME=OPTIONS, --compare NAME=JAR, "
                        + "--shared-archive on|off");
            }
        }
        if (optionSets.isEmpty()) {
            optionSets.put("lambdaDefault", ManagedRuntime.DEFAULT_JAVA_TOOL_OPTIONS);
        }
        if (sharedArchive) {
            System.setProperty(ManagedRuntime.SHARED_ARCHIVE_PROPERTY, ManagedRuntime.dumpSharedArchive(
                    ProjectRoot.find().resolve("lambda-it/target/java21-runtime.jsa")).toString());
        }
        // The local peers' HTTP servers run on threads that would keep the JVM alive: exit, which runs the stop hooks.
        int status = 0;
        try (LocalPeers peers = LocalPeers.shared()) {
            new ColdStart(peers, runs, optionSets, only, compared).measure(out);
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
    /** Other builds of the deployed jar, measured beside it (a lever's before and after in the same runs). */
    private final Map<String, Path> compared;

    private ColdStart(LocalPeers peers, int runs, Map<String, String> optionSets, List<String> only,
                      Map<String, Path> compared) {
        this.peers = peers;
        this.functions = new EmulatedFunctions(peers);
        this.runs = runs;
        this.optionSets = optionSets;
        this.only = List.copyOf(only);
        this.compared = Map.copyOf(compared);
    }

    private List<Subject> subjects(TerraformFunctions terraform) {
        List<Subject> subjects = new ArrayList<>();
        TerraformFunctions.Function like = terraform.function(BASELINE_LIKE);
        for (Yardstick yardstick : Yardstick.values()) {
            String jar = System.getProperty(yardstick.jarProperty);
            if (jar != null && Files.isRegularFile(Path.of(jar))) {
                subjects.add(new Subject(new TerraformFunctions.Function(yardstick.key, yardstick.handler,
                        like.source(), like.memory(), like.timeout()), Path.of(jar)));
            } else {
                System.err.println("cold start: no " + yardstick.description + " to measure beside the functions ("
                        + yardstick.jarProperty + " names no jar: run tools/measure-cold-start.sh): no ratios to it");
            }
        }
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
            compared.forEach((name, jar) -> subjects.add(new Subject(new TerraformFunctions.Function(
                    function.key() + "@" + name, function.handler(), function.source(), function.memory(),
                    function.timeout()), jar)));
            subjects.add(new Subject(function, terraform.artifact()));
        }
        return subjects;
    }

    private void measure(Path out) throws IOException {
        TerraformFunctions terraform = functions.terraform();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        List<Subject> subjects = subjects(terraform);
        ObjectNode events = json.createObjectNode();
        Map<String, Map<String, List<Sample>>> samples = new LinkedHashMap<>();
        for (Subject subject : subjects) {
            events.put(subject.key(), switch (subject.key()) {
                case BASELINE -> "the " + BASELINE_LIKE + " function's event, read whole and answered {}";
                case SAME_CALLS -> "the " + BASELINE_LIKE + " function's event; the HTTP requests the function makes"
                        + " before its first answer (DynamoDB GetItem, EC2 DescribeInstances, SSM GetParameter,"
                        + " Azure DevOps environment by name, DynamoDB PutItem), each answer read whole, then {}";
                default -> workOf(subject.function().source());
            });
            Map<String, List<Sample>> byOptions = new LinkedHashMap<>();
            optionSets.keySet().forEach(name -> byOptions.put(name, new ArrayList<>()));
            samples.put(subject.key(), byOptions);
        }
        List<String> loads = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            for (Subject subject : subjects) {
                for (Map.Entry<String, String> options : optionSets.entrySet()) {
                    Sample sample = once(subject, options.getValue());
                    samples.get(subject.key()).get(options.getKey()).add(sample);
                    System.err.printf(Locale.ROOT, "cold start: %s %s run %d: init %.1f ms, first answer %.1f ms, "
                                    + "cpu %.1f ms, %s classes, peak RSS %s MB%n", subject.key(), options.getKey(), run,
                            sample.initMs(), sample.firstInvokeMs(), sample.cpuMs(), text(sample.classesLoaded(), 1),
                            text(sample.peakRssKb(), 1024));
                }
            }
            loads.add(String.format(Locale.ROOT, "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        }
        ObjectNode coldStart = json.createObjectNode();
        samples.forEach((key, byOptions) -> {
            ObjectNode function = coldStart.putObject(key);
            byOptions.forEach((name, list) -> {
                ObjectNode figures = function.putObject(name);
                figures.set("initMs", summary(json, list.stream().map(Sample::initMs).toList()));
                figures.set("firstInvokeMs", summary(json, list.stream().map(Sample::firstInvokeMs).toList()));
                figures.set("cpuMs", summary(json, list.stream().map(Sample::cpuMs).toList()));
                List<Double> classes = list.stream().flatMapToLong(s -> s.classesLoaded().stream())
                        .mapToObj(n -> (double) n).toList();
                if (!classes.isEmpty()) {
                    figures.set("classesLoaded", summary(json, classes));
                }
                List<Double> rss = list.stream().flatMapToLong(s -> s.peakRssKb().stream())
                        .mapToObj(kb -> kb / 1024.0).toList();
                if (!rss.isEmpty()) {
                    figures.set("peakRssMb", summary(json, rss));
                }
                List<Sample> baseline = samples.containsKey(BASELINE) ? samples.get(BASELINE).get(name) : List.of();
                if (!baseline.isEmpty()) {
                    figures.put("firstInvokeRatio", ratio(list, baseline, Sample::firstInvokeMs));
                    figures.put("initRatio", ratio(list, baseline, Sample::initMs));
                    figures.put("cpuRatio", ratio(list, baseline, Sample::cpuMs));
                }
                List<Sample> sameCalls = key.equals(SAME_CALLS) || !samples.containsKey(SAME_CALLS) ? List.of()
                        : samples.get(SAME_CALLS).get(name);
                if (!sameCalls.isEmpty()) {
                    figures.put("sameCallsFirstInvokeRatio", ratio(list, sameCalls, Sample::firstInvokeMs));
                    figures.put("sameCallsCpuRatio", ratio(list, sameCalls, Sample::cpuMs));
                }
            });
        });
        ObjectNode results = Files.isRegularFile(out) ? (ObjectNode) json.readTree(out.toFile()) : json.createObjectNode();
        results.put("artifactBytes", Files.size(terraform.artifact()));
        results.set("coldStart", coldStart);
        ObjectNode setup = results.putObject("coldStartSetup");
        setup.put("measuredAt", Instant.now().toString());
        setup.put("runs", runs);
        setup.put("statistic", "median, min and max over the runs; a fresh emulator and JVM per run, the functions"
                + " taken in turn within each run (A B C D A B C D ...)");
        setup.put("baseline", BASELINE_HANDLER + ", one class compiled for release 21, importing only the JDK and"
                + " aws-lambda-java-core, in a jar of its own, with the " + BASELINE_LIKE + " function's memory,"
                + " environment and event; each ratio is a function's median over the baseline's median");
        if (samples.containsKey(SAME_CALLS)) {
            setup.put("sameCallsBaseline", SAME_CALLS_HANDLER + ", one class compiled and given the same way, which"
                    + " makes the HTTP requests the " + BASELINE_LIKE + " function makes before its first answer, in the"
                    + " same order, to the same peers, through java.net.http, reading each answer whole, with no JSON or"
                    + " XML parser, no signing and no retries: the floor of those round trips from a fresh JVM. The"
                    + " sameCalls ratios are a function's median over its median (exact for " + BASELINE_LIKE + "; the"
                    + " other functions make other calls). Plain HTTP to local peers, as every figure here: Lambda's"
                    + " TLS handshakes are left out");
        }
        setup.put("initMs", "the emulator's INIT REPORT durationMs: JVM start, runtime client, handler class and constructor");
        setup.put("firstInvokeMs", "the first REPORT's Duration: the emulator initializes at the first invocation,"
                + " so it spans init and the first event (cold start to first answer)");
        // Other work on the machine weighs on every figure: the spread says how much.
        setup.put("loadAverage", String.format(Locale.ROOT, "%.2f at the start, %s after each run, on %d cores",
                loadBefore, String.join(", ", loads), Runtime.getRuntime().availableProcessors()));
        setup.put("cpuMs", "processor time of the runtime JVM, all threads, up to its first answer: steadier than"
                + " wall time on a busy machine, and what a function with a fraction of a vCPU waits for");
        setup.put("classesLoaded", "classes the runtime JVM had loaded when it had answered (its performance counters"
                + " java.cls.loadedClasses + sharedLoadedClasses, as jstat -class counts them)");
        setup.put("peakRssMb", "the runtime JVM's peak resident memory up to its first answer (VmHWM)");
        setup.put("sharedArchive", System.getProperty(ManagedRuntime.SHARED_ARCHIVE_PROPERTY) == null
                ? "none (--shared-archive off)"
                : "the JDK's default class-data archive, as Lambda's runtime starts with one (-Xshare:on"
                        + " -XX:SharedArchiveFile)");
        setup.put("java", System.getProperty("java.vendor") + " " + Runtime.version()
                + " (this machine's Java 21 runtime; Lambda's java21 is Corretto 21)");
        setup.put("memoryMb", "each function's memory from functions.json (AWS_LAMBDA_FUNCTION_MEMORY_SIZE, -XX:MaxRAM)");
        setup.set("javaToolOptions", json.valueToTree(optionSets));
        setup.set("events", events);
        Files.createDirectories(out.toAbsolutePath().getParent());
        json.writeValue(out.toFile(), results);
        System.err.println("cold start: wrote " + out);
    }

    private Sample once(Subject subject, String javaToolOptions) {
        TerraformFunctions.Function function = subject.function();
        String event = eventFor(function.source());
        try (LambdaEmulator lambda = functions.start(function, subject.artifact(), javaToolOptions, Map.of())) {
            Invocation invocation = lambda.invoke(event);
            // Read at once: what the runtime does after its answer is not the cold start's.
            Optional<RuntimeJvm> jvm = lambda.runtimeJvm();
            double cpuMs = jvm.map(RuntimeJvm::cpu).orElse(Duration.ZERO).toNanos() / 1e6;
            OptionalLong classes = jvm.map(RuntimeJvm::classesLoaded).orElse(OptionalLong.empty());
            OptionalLong rss = jvm.map(RuntimeJvm::peakRssKb).orElse(OptionalLong.empty());
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
            return new Sample(init, reports.first().durationMs(), cpuMs, classes, rss);
        }
    }

    /** A function's median over the baseline's, both of the same runs. */
    private static double ratio(List<Sample> function, List<Sample> baseline, ToDoubleFunction<Sample> figure) {
        double base = median(baseline.stream().map(figure::applyAsDouble).toList());
        return base <= 0 ? 0 : Math.round(median(function.stream().map(figure::applyAsDouble).toList()) / base * 100)
                / 100.0;
    }

    private static String text(OptionalLong value, int divisor) {
        return value.isPresent() ? Long.toString(Math.round((double) value.getAsLong() / divisor)) : "?";
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

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static ObjectNode summary(ObjectMapper json, List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        ObjectNode node = json.createObjectNode();
        node.put("median", round(median(values)));
        node.put("min", round(sorted.getFirst()));
        node.put("max", round(sorted.getLast()));
        values.forEach(value -> node.withArray("runs").add(round(value)));
        return node;
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }
}
