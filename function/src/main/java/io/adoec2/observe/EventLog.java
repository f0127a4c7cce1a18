package io.adoec2.observe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adoec2.json.JsonTree;
import io.adoec2.lifecycle.Printable;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One JSON line per thing that happened, in CloudWatch's embedded metric format: the line is
 * both the log entry and a count under {@value #NAMESPACE}, so no metrics API call is needed.
 * Values from outside pass through {@link Printable}; credentials are never given to it.
 */
public final class EventLog {
    public static final String NAMESPACE = "AdoEc2Lifecycle";
    /**
     * The message is our own sentence around quoted values (each already cut where it was quoted,
     * an Azure DevOps error's detail at 400): it is capped only against runaway text, not at the
     * 120 characters of a field from outside, which hid the very project a "not found" named.
     */
    private static final int MAX_MESSAGE = 2_000;

    private final Consumer<String> sink;
    private final Clock clock;

    public EventLog(Consumer<String> sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** Writes to standard output, which Lambda sends to CloudWatch Logs. */
    public static EventLog toStandardOutput() {
        return new EventLog(System.out::println, Clock.systemUTC());
    }

    /**
     * Logs an event and counts it as metric {@code metric} with one dimension, e.g.
     * metric "Outcome", dimension Result=RECORDED.
     */
    public void count(String level, String metric, String dimension, String dimensionValue, String message,
                      Map<String, String> fields) {
        ObjectNode line = JsonTree.object();
        line.put("level", level);
        line.put("message", Printable.of(message, MAX_MESSAGE));
        fields.forEach((key, value) -> line.put(key, Printable.of(value)));
        line.put(metric, 1);
        metricDirective(line, dimension, dimensionValue).addObject().put("Name", metric).put("Unit", Metric.COUNT);
        sink.accept(JsonTree.write(line));
    }

    /**
     * Logs several metrics in one line, all with the one dimension given: counts, or arrays of up to
     * 100 values (the embedded metric format's limit), from which CloudWatch takes percentiles.
     */
    public void measure(String level, String message, String dimension, String dimensionValue, List<Metric> metrics) {
        ObjectNode line = JsonTree.object();
        line.put("level", level);
        line.put("message", Printable.of(message, MAX_MESSAGE));
        ArrayNode definitions = metricDirective(line, dimension, dimensionValue);
        for (Metric metric : metrics) {
            definitions.addObject().put("Name", metric.name()).put("Unit", metric.unit());
            if (metric.values().length == 1 && metric.unit().equals(Metric.COUNT)) {
                line.put(metric.name(), metric.values()[0]);
            } else {
                ArrayNode values = line.putArray(metric.name());
                for (long value : metric.values()) {
                    values.add(value);
                }
            }
        }
        sink.accept(JsonTree.write(line));
    }

    /** The dimension and the embedded metric format's directive on {@code line}; returns its Metrics array. */
    private ArrayNode metricDirective(ObjectNode line, String dimension, String dimensionValue) {
        line.put(dimension, dimensionValue);
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add(dimension);
        return directive.putArray("Metrics");
    }

    /** A metric of a {@link #measure} line: its name, its CloudWatch unit and its values. */
    public record Metric(String name, String unit, long[] values) {
        static final String COUNT = "Count";

        public static Metric count(String name, long count) {
            return new Metric(name, COUNT, new long[] {count});
        }

        public static Metric milliseconds(String name, long[] values) {
            return new Metric(name, "Milliseconds", values);
        }
    }
}
