package io.adoec2.cli.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * {@code simulate --report FILE.html}: one self-contained page (inline CSS and SVG; no script,
 * no font or image fetched) with the run's timeline over simulated time and its summary. The
 * summary's rows come from the JSON summary itself, so a count added to it shows here too.
 */
final class HtmlReport {
    /** The summary's counts that are invariants: anything but zero is a violation. */
    static final Set<String> INVARIANTS = Set.of("orphans", "wrongDeletions", "unmanagedDeleted", "jobsInterrupted",
            "hooksTimedOut", "stuckRecords");

    private static final int WIDTH = 1000;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int PLOT_TOP = 16;
    private static final int PLOT_HEIGHT = 300;
    private static final int FAULTS_TOP = PLOT_TOP + PLOT_HEIGHT + 40;
    private static final int FAULTS_HEIGHT = 80;
    private static final int PASSES_TOP = FAULTS_TOP + FAULTS_HEIGHT + 44;
    private static final int PASSES_HEIGHT = 24;
    private static final int HEIGHT = PASSES_TOP + PASSES_HEIGHT + 36;

    /** A line of the chart: its name, its colour and its value in a sample. */
    record Series(String key, String label, String colour, ToIntFunction<RunRecorder.Sample> value) {}

    static final List<Series> SERIES = List.of(
            new Series("in-service", "instances in service", "#1f5fbf", RunRecorder.Sample::inService),
            new Series("vm-resources", "VM resources registered", "#1e8c3a", RunRecorder.Sample::vmResources),
            new Series("agents-online", "agents online", "#e07b00", RunRecorder.Sample::agentsOnline),
            new Series("agents-busy", "agents busy", "#8a3ab9", RunRecorder.Sample::agentsBusy));
    static final String FAULT_COLOUR = "#c8102e";
    static final String PASS_COLOUR = "#404040";
    static final String OK_BACKGROUND = "#e3f3e6";
    static final String VIOLATION_BACKGROUND = "#fbdcdc";

    private HtmlReport() {}

    static String render(Report report, List<RunRecorder.Sample> samples, List<Long> reconcilePasses) {
        JsonNode summary;
        try {
            summary = new ObjectMapper().readTree(report.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>simulate: ").append(report.instances()).append(" instances, seed ")
                .append(report.seed()).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,\"Segoe UI\",sans-serif;margin:24px;color:#1b1b1b}\n")
                .append("h1{font-size:20px;margin:0 0 4px}p.sub{margin:0 0 16px;color:#555}\n")
                .append(".legend span{display:inline-block;margin-right:18px;font-size:13px}\n")
                .append(".legend i{display:inline-block;width:16px;height:3px;margin-right:6px;vertical-align:middle}\n")
                .append("svg text{font-size:11px;fill:#444}\n")
                .append("table{border-collapse:collapse;margin-top:20px;font-size:13px}\n")
                .append("td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}td.n{text-align:right}\n")
                .append("tr.ok td{background:").append(OK_BACKGROUND).append("}\n")
                .append("tr.violation td{background:").append(VIOLATION_BACKGROUND).append(";font-weight:bold}\n")
                .append("</style></head><body>\n");
        boolean held = report.invariantsHeld();
        html.append("<h1>").append(report.instances()).append(" instance lifecycles, seed ").append(report.seed())
                .append(report.chaos() ? ", chaos" : "").append("</h1>\n<p class=\"sub\">")
                .append(report.simulatedSeconds()).append(" s of simulated time; ")
                .append(held ? "all invariants held" : "INVARIANTS VIOLATED: replay with --seed " + report.seed())
                .append("</p>\n");
        legend(html);
        chart(html, samples, reconcilePasses);
        table(html, summary);
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void legend(StringBuilder html) {
        html.append("<div class=\"legend\">");
        for (Series series : SERIES) {
            html.append("<span><i style=\"background:").append(series.colour()).append("\"></i>")
                    .append(series.label()).append("</span>");
        }
        html.append("<span><i style=\"background:").append(FAULT_COLOUR).append("\"></i>faults injected so far (Azure DevOps 5xx, 429 and dropped connections are tallied after the run)</span>")
                .append("<span><i style=\"background:").append(PASS_COLOUR).append("\"></i>reconcile passes</span>")
                .append("</div>\n");
    }

    private static void chart(StringBuilder html, List<RunRecorder.Sample> samples, List<Long> passes) {
        long lastSecond = Math.max(1, Math.max(samples.isEmpty() ? 0 : samples.getLast().second(),
                passes.isEmpty() ? 0 : passes.getLast()));
        int top = 1;
        for (RunRecorder.Sample sample : samples) {
            for (Series series : SERIES) {
                top = Math.max(top, series.value().applyAsInt(sample));
            }
        }
        int faultTop = Math.max(1, samples.stream().mapToInt(RunRecorder.Sample::faults).max().orElse(0));
        Scale x = new Scale(lastSecond, LEFT, WIDTH - RIGHT);
        html.append("<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"timeline of the run\">\n");
        axes(html, x, top, PLOT_TOP, PLOT_HEIGHT, "count");
        for (Series series : SERIES) {
            List<String> points = new ArrayList<>();
            for (RunRecorder.Sample sample : samples) {
                points.add(x.at(sample.second()) + "," + y(series.value().applyAsInt(sample), top, PLOT_TOP, PLOT_HEIGHT));
            }
            html.append("<polyline class=\"series ").append(series.key()).append("\" fill=\"none\" stroke=\"")
                    .append(series.colour()).append("\" stroke-width=\"2\" shape-rendering=\"crispEdges\" points=\"")
                    .append(String.join(" ", points)).append("\"/>\n");
        }
        axes(html, x, faultTop, FAULTS_TOP, FAULTS_HEIGHT, "faults");
        StringBuilder steps = new StringBuilder();
        int previous = 0;
        for (RunRecorder.Sample sample : samples) {
            int px = x.at(sample.second());
            steps.append(px).append(',').append(y(previous, faultTop, FAULTS_TOP, FAULTS_HEIGHT)).append(' ')
                    .append(px).append(',').append(y(sample.faults(), faultTop, FAULTS_TOP, FAULTS_HEIGHT)).append(' ');
            previous = sample.faults();
        }
        html.append("<polyline class=\"series faults\" fill=\"none\" stroke=\"").append(FAULT_COLOUR)
                .append("\" stroke-width=\"2\" shape-rendering=\"crispEdges\" points=\"").append(steps.toString().trim())
                .append("\"/>\n");
        html.append("<text x=\"").append(LEFT).append("\" y=\"").append(PASSES_TOP - 6)
                .append("\">reconcile passes (").append(passes.size()).append(")</text>\n<g class=\"passes\">");
        for (long pass : passes) {
            int px = x.at(pass);
            html.append("<rect x=\"").append(px - 1).append("\" y=\"").append(PASSES_TOP).append("\" width=\"3\" height=\"")
                    .append(PASSES_HEIGHT).append("\" fill=\"").append(PASS_COLOUR)
                    .append("\" shape-rendering=\"crispEdges\"/>");
        }
        html.append("</g>\n<text x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"").append(HEIGHT - 6)
                .append("\" text-anchor=\"middle\">simulated minutes since the start</text>\n</svg>\n");
    }

    /** A frame with ticks: the y axis from 0 to {@code top}, the x axis in simulated minutes. */
    private static void axes(StringBuilder html, Scale x, int top, int plotTop, int plotHeight, String label) {
        int bottom = plotTop + plotHeight;
        html.append("<rect x=\"").append(LEFT).append("\" y=\"").append(plotTop).append("\" width=\"")
                .append(WIDTH - LEFT - RIGHT).append("\" height=\"").append(plotHeight)
                .append("\" fill=\"#fafafa\" stroke=\"#bbb\"/>\n");
        for (int i = 0; i <= 4; i++) {
            int value = (int) Math.round(top * i / 4.0);
            int py = y(value, top, plotTop, plotHeight);
            html.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(py + 4)
                    .append("\" text-anchor=\"end\">").append(value).append("</text>\n");
        }
        long minutes = Math.max(1, x.last() / 60);
        long step = Math.max(1, niceStep(minutes));
        for (long minute = 0; minute * 60 <= x.last(); minute += step) {
            int px = x.at(minute * 60);
            html.append("<line x1=\"").append(px).append("\" y1=\"").append(bottom).append("\" x2=\"").append(px)
                    .append("\" y2=\"").append(bottom + 4).append("\" stroke=\"#888\"/><text x=\"").append(px)
                    .append("\" y=\"").append(bottom + 16).append("\" text-anchor=\"middle\">").append(minute)
                    .append("</text>\n");
        }
        html.append("<text x=\"12\" y=\"").append(plotTop + plotHeight / 2).append("\" transform=\"rotate(-90 12 ")
                .append(plotTop + plotHeight / 2).append(")\" text-anchor=\"middle\">").append(label).append("</text>\n");
    }

    private static long niceStep(long minutes) {
        for (long step : new long[] {1, 2, 5, 10, 15, 30, 60, 120, 240}) {
            if (minutes / step <= 12) {
                return step;
            }
        }
        return minutes / 12;
    }

    private static int y(int value, int top, int plotTop, int plotHeight) {
        return plotTop + plotHeight - (int) Math.round((double) value / top * plotHeight);
    }

    private record Scale(long last, int from, int to) {
        int at(long second) {
            return from + (int) Math.round((double) second / last * (to - from));
        }
    }

    /** Every number of the JSON summary, nested ones under their parent's name; invariants marked. */
    private static void table(StringBuilder html, JsonNode summary) {
        html.append("<table id=\"summary\"><thead><tr><th>summary</th><th>value</th></tr></thead><tbody>\n");
        rows(html, "", summary);
        html.append("</tbody></table>\n");
    }

    private static void rows(StringBuilder html, String prefix, JsonNode node) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                rows(html, name, value);
                continue;
            }
            String css = "";
            if (INVARIANTS.contains(name)) {
                css = value.asLong() == 0 ? "ok" : "violation";
            } else if (name.equals("invariantsHeld")) {
                css = value.asBoolean() ? "ok" : "violation";
            }
            html.append("<tr").append(css.isEmpty() ? "" : " class=\"" + css + "\"").append("><td>")
                    .append(escape(name)).append("</td><td class=\"n\">").append(escape(value.asText()))
                    .append("</td></tr>\n");
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
