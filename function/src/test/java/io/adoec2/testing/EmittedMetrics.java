package io.adoec2.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;

/**
 * Every metric the functions' log lines carried in this test JVM, read from the lines as CloudWatch
 * Logs reads them: the embedded metric format's directives, checked against its specification
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html,
 * read 2026-11-30: an integer Timestamp; each directive a Namespace, 1..100 metric definitions and dimension sets of
 * at most 9 keys; every key a root member with a string value; every metric a root member holding a number or an
 * array of at most 100 numbers). {@link FunctionHarness} feeds it every line its functions write.
 */
public final class EmittedMetrics {
    /** One metric as CloudWatch would key it: namespace, name and dimension keys. */
    public record Key(String namespace, String metric, List<String> dimensions) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Key, Set<String>> SEEN = new ConcurrentHashMap<>();
    private static final List<String> VIOLATIONS = Collections.synchronizedList(new ArrayList<>());

    private EmittedMetrics() {
    }

    /** Reads one log line; a line that is not JSON or carries no directive counts nothing. */
    public static void read(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (Exception notJson) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Key, String> emission : parse(root, problems).entrySet()) {
            SEEN.computeIfAbsent(emission.getKey(), key -> ConcurrentHashMap.newKeySet()).add(emission.getValue());
        }
        problems.forEach(problem -> VIOLATIONS.add(problem + " in " + line));
    }

    /**
     * The metrics one line carries, each with its dimension values joined by ","; every way the line
     * breaks the specification is added to {@code problems}.
     */
    public static Map<Key, String> parse(JsonNode root, List<String> problems) {
        Map<Key, String> found = new TreeMap<>(Comparator.comparing(Key::toString));
        JsonNode aws = root.path("_aws");
        if (aws.isMissingNode()) {
            return found;
        }
        if (!aws.path("Timestamp").isIntegralNumber()) {
            problems.add("_aws.Timestamp is not an integer");
        }
        JsonNode directives = aws.path("CloudWatchMetrics");
        if (!directives.isArray()) {
            problems.add("_aws.CloudWatchMetrics is not an array");
            return found;
        }
        for (JsonNode directive : directives) {
            String namespace = directive.path("Namespace").asText("");
            if (namespace.isEmpty() || namespace.length() > 255) {
                problems.add("a directive without a Namespace of 1..255 characters");
            }
            JsonNode metrics = directive.path("Metrics");
            if (!metrics.isArray() || metrics.isEmpty() || metrics.size() > 100) {
                problems.add("a directive without 1..100 metric definitions");
                continue;
            }
            JsonNode sets = directive.path("Dimensions");
            if (!sets.isArray() || sets.isEmpty()) {
                problems.add("a directive without a dimension set");
                continue;
            }
            for (JsonNode set : sets) {
                List<String> keys = new ArrayList<>();
                List<String> values = new ArrayList<>();
                if (set.size() > 9) {
                    problems.add("a dimension set of more than 9 keys");
                }
                for (JsonNode key : set) {
                    keys.add(key.asText());
                    JsonNode value = root.path(key.asText());
                    if (!value.isTextual()) {
                        problems.add("dimension " + key.asText() + " is not a root member with a string value");
                    }
                    values.add(value.asText());
                }
                for (JsonNode definition : metrics) {
                    String name = definition.path("Name").asText("");
                    JsonNode target = root.path(name);
                    boolean numbers = target.isNumber() || target.isArray() && target.size() <= 100
                            && StreamSupport.stream(target.spliterator(), false)
                                    .allMatch(JsonNode::isNumber);
                    if (name.isEmpty() || !numbers) {
                        problems.add("metric " + name + " is not a root member holding a number or up to 100 numbers");
                    }
                    found.put(new Key(namespace, name, List.copyOf(keys)), String.join(",", values));
                }
            }
        }
        return found;
    }

    /** Metric keys seen so far, with every dimension value seen for each. */
    public static Map<Key, Set<String>> seen() {
        Map<Key, Set<String>> copy = new TreeMap<>(Comparator.comparing(Key::toString));
        SEEN.forEach((key, values) -> copy.put(key, new TreeSet<>(values)));
        return copy;
    }

    public static List<String> violations() {
        synchronized (VIOLATIONS) {
            return List.copyOf(VIOLATIONS);
        }
    }
}
