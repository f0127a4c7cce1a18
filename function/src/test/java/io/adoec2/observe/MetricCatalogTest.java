package io.adoec2.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adoec2.lifecycle.Outcome;
import io.adoec2.localaws.ProjectRoot;
import io.adoec2.testing.TerraformFunctions;
import java.io.IOException;
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
import org.junit.jupiter.api.Test;

/**
 * The metrics the dashboard and the alarms watch are the ones the functions emit: functions.json
 * lists every metric with its one dimension ("emitted"), and that list is exactly what the code
 * passes to {@link EventLog#count}; every alarm's metric entry names an emitted metric, its
 * dimension, and (when it names one) a dimension value the code uses; and the Terraform module names our namespace
 * and our metrics only through functions.json, so it cannot watch a metric nobody emits.
 */
class MetricCatalogTest {
    /** {@code log.count(level, "Metric", "Dimension", ...)}: the level may be an expression. */
    private static final Pattern COUNT_CALL = Pattern.compile(
            "\\.count\\(\\s*[^;]*?,\\s*\"(\\w+)\",\\s*\"(\\w+)\",", Pattern.DOTALL);
    private static final Path ROOT = ProjectRoot.find();
    private static final Path MODULE = ROOT.resolve(TerraformFunctions.FILE).getParent();

    @Test
    void theCatalogIsExactlyWhatTheCodeEmits() throws IOException {
        assertThat(emittedByCode()).as("metric -> dimension in every EventLog.count call of the function")
                .isEqualTo(catalog());
        assertThat(metrics().path("namespace").asText()).isEqualTo(EventLog.NAMESPACE);
    }

    @Test
    void everyAlarmMetricIsEmittedWithItsDimensionAndAValueTheCodeUses() throws IOException {
        Map<String, String> catalog = catalog();
        String sources = functionSources();
        int entries = 0;
        for (Map.Entry<String, JsonNode> entry : metrics().properties()) {
            JsonNode reference = entry.getValue();
            if (!reference.has("metric")) {
                continue;
            }
            entries++;
            String metric = reference.path("metric").asText();
            assertThat(catalog).as("functions.json metrics.%s names an emitted metric", entry.getKey())
                    .containsKey(metric);
            assertThat(reference.path("dimension").asText()).as("metrics.%s: %s's dimension", entry.getKey(), metric)
                    .isEqualTo(catalog.get(metric));
            if (!reference.has("value")) {
                continue; // an alarm over every value of the dimension
            }
            String value = reference.path("value").asText();
            assertThat(Pattern.compile("(\"|\\b)" + Pattern.quote(value) + "(\"|\\b)").matcher(sources).find())
                    .as("metrics.%s: the value %s appears in the function's code", entry.getKey(), value).isTrue();
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

    private static Map<String, String> emittedByCode() throws IOException {
        Map<String, String> emitted = new HashMap<>();
        // Dispatch counts each outcome under its result's own metric (Outcome.Result#metric).
        for (Outcome.Result result : Outcome.Result.values()) {
            emitted.put(result.metric(), "Result");
        }
        Matcher call = COUNT_CALL.matcher(functionSources());
        while (call.find()) {
            String previous = emitted.get(call.group(1));
            emitted.put(call.group(1), call.group(2));
            assertThat(previous == null || previous.equals(call.group(2)))
                    .as("metric %s is emitted with one dimension, not %s and %s", call.group(1), previous, call.group(2))
                    .isTrue();
        }
        return emitted;
    }

    private static String functionSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(ROOT.resolve("function/src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
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
