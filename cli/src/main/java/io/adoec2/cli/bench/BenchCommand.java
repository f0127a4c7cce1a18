package io.adoec2.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adoec2.cli.OptionValues;
import io.adoec2.localaws.ProjectRoot;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The benchmark: what the system costs in Azure DevOps calls, time under a rate limit, artifact
 * size and reconciler memory, each the median of several runs, written to
 * {@code bench/results.json} and {@code bench/RESULTS.md}. It reports numbers; it never fails
 * because they are slow.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure Azure DevOps calls per lifecycle, a termination burst under a rate limit, the Lambda "
                + "jar and the reconciler at scale; write bench/results.json and bench/RESULTS.md.")
public final class BenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print results.json instead of the summary")
    boolean json;

    @Option(names = "--runs", defaultValue = "3", description = "runs of each measurement (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--instances", defaultValue = "1000", description = "instances scaled out and in, and "
            + "terminations in the burst (default ${DEFAULT-VALUE})")
    int instances;

    // Low enough that a 1000-termination burst (about 1000 calls) runs through all three phases of the
    // documented throttling: 500 a window at once, 250 delayed, the rest refused until the window slides.
    @Option(names = "--rate-limit", defaultValue = "100", paramLabel = "PER_MINUTE", description = "Azure DevOps "
            + "calls a minute the burst's identity is allowed, over a sliding 5-minute window, before its calls are "
            + "delayed and then refused (default ${DEFAULT-VALUE})")
    int rateLimit;

    @Option(names = "--containers", defaultValue = "5", description = "concurrent function containers in the burst "
            + "(default ${DEFAULT-VALUE}, the Terraform module's reserved concurrency)")
    int containers;

    @Option(names = "--resources", defaultValue = "10000", description = "VM resources the reconciler faces; a tenth "
            + "are managed and a hundredth orphans (default ${DEFAULT-VALUE})")
    int resources;

    @Option(names = "--cold-start", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "measure cold starts with lambda-it's " + ColdStarts.SCRIPT + " (default); "
                    + "--no-cold-start keeps whatever cold-start figures results.json holds")
    boolean coldStart;

    @Option(names = "--simulate-scale", split = ",", defaultValue = "1000", paramLabel = "N[,N...]",
            description = "fleet sizes simulate is timed at, one run each, alone (default ${DEFAULT-VALUE}; "
                    + "e.g. 1000,10000, which takes several minutes more; 0 for none)")
    List<Integer> simulateScale;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the results (default: bench/ in the "
            + "project)")
    Path out;

    @Override
    public Integer call() throws Exception {
        OptionValues.atLeast(spec, "--runs", runs, 1);
        OptionValues.atLeast(spec, "--instances", instances, 1);
        OptionValues.atLeast(spec, "--rate-limit", rateLimit, 1);
        OptionValues.atLeast(spec, "--containers", containers, 1);
        OptionValues.atLeast(spec, "--resources", resources, 100);
        Path projectRoot = ProjectRoot.find();
        Path folder = out != null ? out : projectRoot.resolve("bench");
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Map<String, Double> seconds = new LinkedHashMap<>();

        LambdaJar jar = LambdaJar.measure(projectRoot);
        long started = System.nanoTime();
        // The simulations count calls in simulated time: they take only the CPU the wall-clock parts leave idle.
        CallsPerLifecycle.Running simulations = CallsPerLifecycle.start(instances, runs, BenchCommand::progress);
        long lap = System.nanoTime();
        TerminationBurst.Result burst = TerminationBurst.measure(instances, containers, rateLimit, runs,
                BenchCommand::progress);
        lap = lap(seconds, "burst", lap);
        ReconcileAtScale.Result reconcile = ReconcileAtScale.measure(resources, resources / 10, resources / 100, runs,
                BenchCommand::progress);
        lap(seconds, "reconcile", lap);
        CallsPerLifecycle.Result calls = simulations.await();
        lap(seconds, "total", started);

        BenchResults.Machine machine = new BenchResults.Machine(Runtime.getRuntime().availableProcessors(),
                Runtime.version().toString(), loadAtStart,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        BenchResults results = new BenchResults(Instant.now(), machine, runs, calls, burst, jar, reconcile, seconds);
        Path resultsFile = folder.resolve("results.json");
        Files.createDirectories(folder);
        ObjectNode document = existing(resultsFile);
        document.setAll(results.toJson());
        write(resultsFile, document);
        List<Integer> sizes = simulateScale.stream().filter(size -> size > 0).toList();
        if (!sizes.isEmpty()) {
            // Alone on the machine: its wall time is the figure.
            lap = System.nanoTime();
            document.set("simulateScaling", SimulateScaling.measure(sizes, BenchCommand::progress));
            document.withObjectProperty("benchSeconds").put("simulateScaling",
                    Math.round((System.nanoTime() - lap) / 1e9));
            write(resultsFile, document);
        }
        Optional<String> coldStartMissing = Optional.of("not measured in this run (--no-cold-start)");
        if (coldStart) {
            progress("cold start: " + ColdStarts.SCRIPT);
            lap = System.nanoTime();
            coldStartMissing = ColdStarts.measure(projectRoot, resultsFile, runs);
            coldStartMissing.ifPresent(why -> progress("cold start not measured: " + why));
            document = existing(resultsFile);
            document.withObjectProperty("benchSeconds").put("coldStart", Math.round((System.nanoTime() - lap) / 1e9));
            document.withObjectProperty("benchSeconds").put("total", Math.round((System.nanoTime() - started) / 1e9));
            write(resultsFile, document);
        }
        Path levers = folder.resolve("LEVERS.md");
        Files.writeString(folder.resolve("RESULTS.md"), ResultsMarkdown.render(results, document, coldStartMissing,
                Files.isRegularFile(levers) ? Optional.of(Files.readString(levers)) : Optional.empty()),
                StandardCharsets.UTF_8);
        System.out.println(json ? document.toString() : Files.readString(folder.resolve("RESULTS.md")));
        progress("wrote " + resultsFile + " and " + folder.resolve("RESULTS.md"));
        return 0;
    }

    /** What results.json holds already: parts other measurements write (cold starts) are kept. */
    private static ObjectNode existing(Path resultsFile) throws IOException {
        return Files.isRegularFile(resultsFile) ? (ObjectNode) JSON.readTree(resultsFile.toFile())
                : JSON.createObjectNode();
    }

    private static void write(Path resultsFile, ObjectNode document) throws IOException {
        Files.writeString(resultsFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n",
                StandardCharsets.UTF_8);
    }

    private static long lap(Map<String, Double> seconds, String part, long since) {
        long now = System.nanoTime();
        seconds.put(part, (now - since) / 1e9);
        return now;
    }

    /** Rewritten in place on a terminal, a plain line each elsewhere (the run's log keeps them). */
    private static void progress(String message) {
        io.adoec2.cli.simulate.ProgressLine.standardError().show("bench: " + message);
    }
}
