package io.adoec2.cli.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** One measured quantity over several runs: its median, least and greatest value, and every run's value. */
record Figure(double median, double min, double max, List<Double> runs) {

    Figure {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one run");
        }
        runs = List.copyOf(runs);
    }

    static Figure of(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Figure(median, sorted.getFirst(), sorted.getLast(), values);
    }

    static <T> Figure of(List<T> runs, ToDoubleFunction<T> value) {
        return of(runs.stream().map(run -> value.applyAsDouble(run)).toList());
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("median", round(median));
        node.put("min", round(min));
        node.put("max", round(max));
        runs.forEach(run -> node.withArray("runs").add(round(run)));
        return node;
    }

    /** "1.10 (1.09–1.12)" with the given decimals; one value when every run agreed. */
    String text(int decimals) {
        return text(median, min, max, decimals);
    }

    static String text(double median, double min, double max, int decimals) {
        String format = "%." + decimals + "f";
        String middle = String.format(format, median);
        String low = String.format(format, min);
        String high = String.format(format, max);
        return low.equals(high) ? middle : middle + " (" + low + "–" + high + ")";
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
