package io.adoec2.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adoec2.localaws.ProjectRoot;
import io.adoec2.testing.EmittedMetrics;
import io.adoec2.testing.TerraformFunctions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The metrics the dashboard and the alarms watch are the ones the functions emit, as they emit them:
 * functions.json lists every metric with its one dimension ("emitted"), and that list is exactly what
 * the handler tests' real runs (moto, the Auto Scaling endpoint, the Azure DevOps simulator) wrote in
 * their log lines, read as CloudWatch reads the embedded metric format ({@link EmittedMetrics}), in our
 * namespace; every alarm's metric entry names an emitted metric, its dimension, and (when it names one)
 * a dimension value those runs emitted; and the Terraform module names our namespace and our metrics
 * only through functions.json, so it cannot watch a metric nobody emits.
 *
 * <p>Ordered last (junit-platform.properties), it reads the lines of the handler tests that ran before
 * it in this JVM; run without them, it runs them first.
 */
@Order(Integer.MAX_VALUE)
class MetricCatalogTest {
    /** The tests whose runs are the evidence: between them every metric of the catalog is emitted. */
    private static final List<String> HANDLER_RUNS = Stream.of("AsgNotificationHandlerTest",
            "LifecycleQueueHandlerTest", "ReconcileHandlerTest", "HostileInputTest", "InvocationMetricsTest")
            .map(name -> "io.adoec2.handler." + name).toList();
    private static final Path ROOT = ProjectRoot.find();
    private static final Path MODULE = ROOT.resolve(TerraformFunctions.FILE).getParent();

    @BeforeAll
    static void handlerRuns() throws IOException {
        if (emittedByRuns().keySet().containsAll(catalog().keySet())) {
            return;
        }
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(HANDLER_RUNS.stream().map(DiscoverySelectors::selectClass).toList()).build(), summary);
        System.err.println("MetricCatalogTest ran " + summary.getSummary().getTestsSucceededCount()
                + " handler tests for their metric lines");
        StringWriter failures = new StringWriter();
        summary.getSummary().printFailuresTo(new PrintWriter(failures), 5);
        assertThat(summary.getSummary().getTotalFailureCount()).as("the handler tests run for their metric lines: %s",
                failures).isZero();
    }

    @Test
    void theCatalogIsExactlyWhatTheHandlerRunsEmit() throws IOException {
        assertThat(emittedByRuns()).as("metric -> dimension of every metric line the handler tests' runs wrote")
                .isEqualTo(catalog());
        assertThat(metrics().path("namespace").asText()).isEqualTo(EventLog.NAMESPACE);
        assertThat(EmittedMetrics.seen().keySet()).extracting(EmittedMetrics.Key::namespace)
                .containsOnly(EventLog.NAMESPACE);
        assertThat(EmittedMetrics.violations()).as("lines that break the embedded metric format").isEmpty();
        Set<String> charted = new HashSet<>();
        metrics().path("statistics").fieldNames().forEachRemaining(charted::add);
        assertThat(catalog()).as("functions.json statistics name emitted metrics").containsKeys(
                charted.toArray(String[]::new));
    }

    @Test
    void everyAlarmMetricIsEmittedWithItsDimensionAndAValueTheRunsEmitted() throws IOException {
        Map<String, String> catalog = catalog();
        Map<EmittedMetrics.Key, Set<String>> seen = EmittedMetrics.seen();
        int entries = 0;
        for (Map.Entry<String, JsonNode> entry : metrics().properties()) {
            JsonNode reference = entry.getValue();
            if (!reference.has("metric")) {
                continue;
            }
            entries++;
            String metric = reference.path("metric").asText();
            String dimension = reference.path("dimension").asText();
            assertThat(catalog).as("functions.json metrics.%s names an emitted metric", entry.getKey())
                    .containsKey(metric);
            assertThat(dimension).as("metrics.%s: %s's dimension", entry.getKey(), metric)
                    .isEqualTo(catalog.get(metric));
            if (!reference.has("value")) {
                continue; // an alarm over every value of the dimension
            }
            assertThat(seen.getOrDefault(new EmittedMetrics.Key(EventLog.NAMESPACE, metric, List.of(dimension)),
                    Set.of())).as("metrics.%s: the values of %s the runs emitted", entry.getKey(), metric)
                    .contains(reference.path("value").asText());
        }
        assertThat(entries).as("the alarms' metric entries").isGreaterThanOrEqualTo(2);
    }

    @Test
    void theModuleNamesOurMetricsOnlyThroughFunctionsJson() throws IOException {
        Set<String> keys = new HashSet<>();
        metrics().fieldNames().forEachRemaining(keys::add);
        Pattern reference = Pattern.compile("local\\.metrics\\.(\\w+)");
        Pattern metricName = Pattern.compile("metric_name\\s*=\\s*\"(\\w+)\"");
        Pattern namespace = Pattern.compile("namespace\\s*=\\s*\"([^\"]+)\"");
        List<Path> files;
        try (Stream<Path> listing = Files.list(MODULE)) {
            files = listing.filter(file -> file.toString().endsWith(".tf")).sorted().toList();
        }
        assertThat(files).extracting(file -> file.getFileName().toString()).contains("alarms.tf", "dashboard.tf");
        for (Path file : files) {
            String hcl = Files.readString(file);
            assertThat(hcl).as("%s spells our namespace out instead of local.metrics.namespace", file.getFileName())
                    .doesNotContain(EventLog.NAMESPACE);
            Matcher used = reference.matcher(hcl);
            while (used.find()) {
                assertThat(keys).as("%s uses local.metrics.%s", file.getFileName(), used.group(1)).contains(used.group(1));
            }
            Matcher named = metricName.matcher(hcl);
            while (named.find()) {
                assertThat(catalog()).as("%s names metric %s by hand; take it from functions.json",
                        file.getFileName(), named.group(1)).doesNotContainKey(named.group(1));
            }
            Matcher spaces = namespace.matcher(hcl);
            while (spaces.find()) {
                assertThat(spaces.group(1)).as("%s: a literal namespace is AWS's own", file.getFileName())
                        .startsWith("AWS/");
            }
        }
        assertThat(Files.readString(MODULE.resolve("dashboard.tf"))).as("the dashboard charts the catalog")
                .contains("local.metrics.emitted");
    }

    /** Metric -> its dimension, from every line read; a metric seen with two dimension sets fails. */
    private static Map<String, String> emittedByRuns() {
        Map<String, String> emitted = new HashMap<>();
        for (EmittedMetrics.Key key : EmittedMetrics.seen().keySet()) {
            String dimensions = String.join(",", key.dimensions());
            String previous = emitted.put(key.metric(), dimensions);
            assertThat(previous == null || previous.equals(dimensions))
                    .as("metric %s is emitted with one dimension set, not %s and %s", key.metric(), previous, dimensions)
                    .isTrue();
        }
        return emitted;
    }

    private static Map<String, String> catalog() throws IOException {
        Map<String, String> catalog = new HashMap<>();
        metrics().path("emitted").properties().forEach(entry -> catalog.put(entry.getKey(), entry.getValue().asText()));
        return catalog;
    }

    private static JsonNode metrics() throws IOException {
        return new ObjectMapper().readTree(Files.readString(ROOT.resolve(TerraformFunctions.FILE))).path("metrics");
    }
}
