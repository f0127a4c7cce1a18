package io.adoec2.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adoec2.cli.Main;
import io.adoec2.localaws.ProjectRoot;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code simulate} costs as the fleet grows: one run of {@code simulate --instances N} (its
 * defaults: SNS notifications, the reconciler on its schedule) in a JVM of its own for each
 * size, alone on the machine, its wall time, the simulation's own part of it ({@code simulationMs}:
 * without starting moto and the simulator), the peak resident memory of the simulation's JVM and of
 * moto's server (its child), each the high-water mark Linux keeps for the process ({@code VmHWM}),
 * read until the process ends, and the machine's load average meanwhile (least and greatest seen).
 */
final class SimulateScaling {
    /** Issue #20: a fleet of this size simulated end to end within {@link #TARGET_WALL_SECONDS} on this machine. */
    static final int TARGET_INSTANCES = 10_000;
    static final int TARGET_WALL_SECONDS = 600;
    private static final long POLL_MILLIS = 250;
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int instances, double wallSeconds, double simulationSeconds, double javaPeakMb, double motoPeakMb,
               boolean invariantsHeld, double loadLeast, double loadGreatest) {
        ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("instances", instances);
            node.put("wallSeconds", Math.round(wallSeconds * 10) / 10.0);
            node.put("simulationSeconds", Math.round(simulationSeconds * 10) / 10.0);
            node.put("javaPeakMegabytes", Math.round(javaPeakMb));
            node.put("motoPeakMegabytes", Math.round(motoPeakMb));
            node.put("invariantsHeld", invariantsHeld);
            node.putObject("loadAverage").put("least", loadLeast).put("greatest", loadGreatest);
            return node;
        }
    }

    private SimulateScaling() {
    }

    static ArrayNode measure(List<Integer> sizes, Consumer<String> progress)
            throws IOException, InterruptedException {
        ArrayNode runs = JsonNodeFactory.instance.arrayNode();
        for (int instances : sizes) {
            progress.accept("simulate scaling: " + instances + " instances");
            runs.add(run(instances).toJson());
        }
        return runs;
    }

    private static Run run(int instances) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + ProjectRoot.PROPERTY + "=" + ProjectRoot.find(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "simulate", "--instances", Integer.toString(instances), "--json"));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        Map<Long, Double> peaks = new ConcurrentHashMap<>();
        OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
        double loadLeast = Double.MAX_VALUE;
        double loadGreatest = 0;
        while (process.isAlive()) {
            double load = system.getSystemLoadAverage();
            loadLeast = Math.min(loadLeast, load);
            loadGreatest = Math.max(loadGreatest, load);
            peaks.merge(process.pid(), peakMb(process.pid()), Math::max);
            process.descendants().forEach(child -> peaks.merge(child.pid(), peakMb(child.pid()), Math::max));
            Thread.sleep(POLL_MILLIS);
        }
        double wall = (System.nanoTime() - started) / 1e9;
        String text = output.join();
        double moto = peaks.entrySet().stream().filter(e -> e.getKey() != process.pid())
                .mapToDouble(Map.Entry::getValue).max().orElse(0);
        String last = text.strip().lines().reduce((first, second) -> second).orElse("");
        if (!last.startsWith("{")) {
            throw new IllegalStateException("simulate --instances " + instances + " ended (exit " + process.exitValue()
                    + ") without its JSON summary:\n" + text);
        }
        double simulation = JSON.readTree(last).path("simulationMs").asDouble() / 1000;
        // simulate exits 1 when an invariant broke.
        return new Run(instances, wall, simulation, peaks.getOrDefault(process.pid(), 0.0), moto,
                process.exitValue() == 0, Math.round(loadLeast * 100) / 100.0, Math.round(loadGreatest * 100) / 100.0);
    }

    /** The process's resident high-water mark in MB, 0 when Linux does not say (or it has just ended). */
    private static double peakMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Gone between the look and the read, or not Linux: the figure is what was read before.
        }
        return 0;
    }
}
