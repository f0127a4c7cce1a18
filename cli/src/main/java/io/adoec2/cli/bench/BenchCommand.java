package io.adoec2.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The benchmark: what the system costs in Azure DevOps calls, time under a rate limit, artifact
 * size, reconciler memory, simulate's own cost and cold starts, each the median of several runs,
 * written to {@code bench/results.json} and rendered from that file alone into {@code bench/RESULTS.md}.
 * {@code --only} re-measures some sections and keeps the others' figures; {@code --render} only renders.
 * It reports numbers; it never fails because they are slow.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure Azure DevOps calls per lifecycle, a termination burst under a rate limit, the Lambda "
                + "jar, the reconciler at scale, simulate as the fleet grows and cold starts; write bench/results.json "
                + "and bench/RESULTS.md.")
public final class BenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What can be measured on its own; each keeps its figures in results.json until measured again. */
    enum Section {
        CALLS, BURST, RECONCILE, SCALE, COLDSTART;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Section named(CommandSpec spec, String name) {
            for (Section section : values()) {
                if (section.id().equals(name.strip().toLowerCase(Locale.ROOT))) {
                    return section;
                }
            }
            throw new ParameterException(spec.commandLine(), "--only: no section named '" + name + "'; the sections "
                    + "are " + String.join(", ", Arrays.stream(values()).map(Section::id).toList()));
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print results.json instead of the summary")
    boolean json;

    @Option(names = "--only", split = ",", paramLabel = "SECTION[,SECTION...]", description = "measure only these "
            + "sections (calls, burst, reconcile, scale, coldstart) and keep the others' figures results.json holds")
    List<String> only;

    @Option(names = "--render", description = "measure nothing: write RESULTS.md again from results.json")
    boolean render;

    // The defaults below make the whole bench about half an hour on this 2-core machine; RESULTS.md says why each.
    @Option(names = "--runs", defaultValue = "3", description = "runs of the reconcile passes and of each cold start "
            + "(default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--seeds", defaultValue = "2", description = "seeds of the calls per lifecycle, each a scale-out "
            + "and scale-in per event path and deletion model (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--instances", defaultValue = "200", description = "instances scaled out and in for the calls "
            + "per lifecycle (default ${DEFAULT-VALUE})")
    int instances;

    @Option(names = "--terminations", defaultValue = "1000", description = "terminations in the burst (default "
            + "${DEFAULT-VALUE})")
    int terminations;

    @Option(names = "--burst-runs", defaultValue = "1", description = "runs of the burst (default ${DEFAULT-VALUE})")
    int burstRuns;

    // Low enough that a 1000-termination burst (about 2000 calls: a VM resource and its agent each) needs two
    // windows more than the first: 1000 a window without delay, then delays with Retry-After (refusals beyond).
    @Option(names = "--rate-limit", defaultValue = "200", paramLabel = "PER_MINUTE", description = "Azure DevOps "
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
                    + "e.g. 1000,10000: 10,000 takes about ten minutes more; 0 for none)")
    List<Integer> simulateScale;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the results (default: bench/ in the "
            + "project)")
    Path out;

    @Override
    public Integer call() throws Exception {
        OptionValues.atLeast(spec, "--runs", runs, 1);
        OptionValues.atLeast(spec, "--seeds", seeds, 1);
        OptionValues.atLeast(spec, "--instances", instances, 1);
        OptionValues.atLeast(spec, "--terminations", terminations, 1);
        OptionValues.atLeast(spec, "--burst-runs", burstRuns, 1);
        OptionValues.atLeast(spec, "--rate-limit", rateLimit, 1);
        OptionValues.atLeast(spec, "--containers", containers, 1);
        OptionValues.atLeast(spec, "--resources", resources, 100);
        Set<Section> sections = sections();
        Path projectRoot = ProjectRoot.find();
        Path folder = out != null ? out : projectRoot.resolve("bench");
        Path resultsFile = folder.resolve("results.json");
        Files.createDirectories(folder);
        if (render) {
            if (!Files.isRegularFile(resultsFile)) {
                throw new ParameterException(spec.commandLine(), "--render: there is no " + resultsFile
                        + " to render; run the bench first");
            }
            return finish(folder, existing(resultsFile));
        }
        long started = System.nanoTime();
        ObjectNode document = existing(resultsFile);
        // Written by benches before sections recorded their own runs and times: they would read as this run's.
        document.remove(List.of("runs", "benchSeconds"));
        ObjectNode machine = document.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", Runtime.version().toString());
        BenchResults.jar(document, LambdaJar.measure(projectRoot));

        Instant at = Instant.now();
        double load = loadAverage();
        // The simulations count calls in simulated time: they take only the CPU the wall-clock parts leave idle.
        Optional<CallsPerLifecycle.Running> simulations = sections.contains(Section.CALLS)
                ? Optional.of(CallsPerLifecycle.start(instances, seeds, BenchCommand::progress)) : Optional.empty();
        if (sections.contains(Section.BURST)) {
            Instant burstAt = Instant.now();
            double burstLoad = loadAverage();
            long lap = System.nanoTime();
            document.set("burst", BenchResults.burst(TerminationBurst.measure(terminations, containers, rateLimit,
                    burstRuns, BenchCommand::progress)));
            measured(document, Section.BURST, burstAt, burstLoad, lap, burstRuns);
            write(resultsFile, document);
        }
        if (sections.contains(Section.RECONCILE)) {
            Instant reconcileAt = Instant.now();
            double reconcileLoad = loadAverage();
            long lap = System.nanoTime();
            document.set("reconcile", BenchResults.reconcile(ReconcileAtScale.measure(resources, resources / 10,
                    resources / 100, runs, BenchCommand::progress)));
            measured(document, Section.RECONCILE, reconcileAt, reconcileLoad, lap, runs);
            write(resultsFile, document);
        }
        if (simulations.isPresent()) {
            document.set("callsPerLifecycle", BenchResults.calls(simulations.get().await()));
            measured(document, Section.CALLS, at, load, started, seeds);
            write(resultsFile, document);
        }
        List<Integer> sizes = simulateScale.stream().filter(size -> size > 0).toList();
        if (sections.contains(Section.SCALE) && !sizes.isEmpty()) {
            // Alone on the machine: its wall time is the figure.
            Instant scaleAt = Instant.now();
            double scaleLoad = loadAverage();
            long lap = System.nanoTime();
            document.set("simulateScaling", SimulateScaling.measure(sizes, BenchCommand::progress));
            measured(document, Section.SCALE, scaleAt, scaleLoad, lap, 1);
            write(resultsFile, document);
        }
        if (sections.contains(Section.COLDSTART) && coldStart) {
            progress("cold start: " + ColdStarts.SCRIPT);
            Instant coldAt = Instant.now();
            double coldLoad = loadAverage();
            long lap = System.nanoTime();
            Optional<String> missing = ColdStarts.measure(projectRoot, resultsFile, runs);
            missing.ifPresent(why -> progress("cold start not measured: " + why));
            document = existing(resultsFile);
            if (missing.isEmpty()) {
                measured(document, Section.COLDSTART, coldAt, coldLoad, lap, ColdStarts.runs(runs));
            }
            write(resultsFile, document);
        }
        document.put("generatedAt", Instant.now().toString());
        write(resultsFile, document);
        return finish(folder, document);
    }

    /** The sections this run measures: those named with --only (else all), less those switched off by their option. */
    private Set<Section> sections() {
        Set<Section> chosen = EnumSet.noneOf(Section.class);
        if (only == null || only.isEmpty()) {
            chosen.addAll(EnumSet.allOf(Section.class));
        } else {
            only.forEach(name -> chosen.add(Section.named(spec, name)));
        }
        if (!coldStart) {
            chosen.remove(Section.COLDSTART);
        }
        return chosen;
    }

    private int finish(Path folder, JsonNode document) throws IOException {
        Path levers = folder.resolve("LEVERS.md");
        Path results = folder.resolve("RESULTS.md");
        Files.writeString(results, ResultsMarkdown.render(document,
                Files.isRegularFile(levers) ? Optional.of(Files.readString(levers)) : Optional.empty()),
                StandardCharsets.UTF_8);
        System.out.println(json ? document.toString() : Files.readString(results));
        progress("wrote " + folder.resolve("results.json") + " and " + results);
        return 0;
    }

    private static void measured(ObjectNode document, Section section, Instant at, double loadAtStart, long startedNanos,
                                 int runs) {
        document.withObjectProperty("measured").set(section.id(), new BenchResults.Measured(at, loadAtStart,
                loadAverage(), Math.round((System.nanoTime() - startedNanos) / 1e9), runs).toJson());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** What results.json holds already: the sections not measured this time are kept. */
    private static ObjectNode existing(Path resultsFile) throws IOException {
        return Files.isRegularFile(resultsFile) ? (ObjectNode) JSON.readTree(resultsFile.toFile())
                : JSON.createObjectNode();
    }

    private static void write(Path resultsFile, ObjectNode document) throws IOException {
        Files.writeString(resultsFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n",
                StandardCharsets.UTF_8);
    }

    /** Rewritten in place on a terminal, a plain line each elsewhere (the run's log keeps them). */
    private static void progress(String message) {
        io.adoec2.cli.simulate.ProgressLine.standardError().show("bench: " + message);
    }
}
