package io.adoec2.lambdait;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator's platform lines, as CloudWatch shows them for a real function:
 * {@code INIT REPORT(durationMs: 542.749000)} once, when the runtime finished its init, and
 * {@code REPORT RequestId: ...\tDuration: 584.51 ms\t...\tMemory Size: 512 MB\t...} per invocation.
 * The emulator initializes at the first invocation, so its first REPORT's duration spans the
 * init and the first event: the time from a cold start to the first answer.
 */
record EmulatorReports(Optional<Double> initMs, List<Report> reports) {
    private static final Pattern INIT_REPORT = Pattern.compile("INIT REPORT\\(durationMs: ([0-9.]+)\\)");

    record Report(String requestId, double durationMs, int memoryMb) {}

    static EmulatorReports parse(List<String> lines) {
        Optional<Double> init = Optional.empty();
        List<Report> reports = new ArrayList<>();
        for (String line : lines) {
            Matcher matcher = INIT_REPORT.matcher(line);
            if (init.isEmpty() && matcher.find()) {
                init = Optional.of(Double.parseDouble(matcher.group(1)));
            }
            // The function's last output may lack its line end, so the emulator's line can follow it.
            int report = line.indexOf("REPORT RequestId: ");
            if (report >= 0) {
                reports.add(report(line.substring(report)));
            }
        }
        return new EmulatorReports(init, List.copyOf(reports));
    }

    private static Report report(String line) {
        String requestId = null;
        Double duration = null;
        Integer memory = null;
        for (String field : line.split("\t")) {
            String value = field.strip();
            if (value.startsWith("REPORT RequestId: ")) {
                requestId = value.substring("REPORT RequestId: ".length());
            } else if (value.startsWith("Duration: ")) {
                duration = Double.parseDouble(value.substring("Duration: ".length()).replace(" ms", ""));
            } else if (value.startsWith("Memory Size: ")) {
                memory = Integer.parseInt(value.substring("Memory Size: ".length()).replace(" MB", ""));
            }
        }
        if (requestId == null || duration == null || memory == null) {
            throw new IllegalStateException("a REPORT line the emulator does not write: " + line);
        }
        return new Report(requestId, duration, memory);
    }

    Report first() {
        if (reports.isEmpty()) {
            throw new IllegalStateException("the emulator wrote no REPORT line");
        }
        return reports.getFirst();
    }
}
