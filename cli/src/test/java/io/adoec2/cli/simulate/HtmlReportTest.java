package io.adoec2.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.cli.Main;
import io.adoec2.localaws.InstallScript;
import io.adoec2.localaws.ProjectRoot;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code simulate --report}: the page of a small chaotic run, rendered by headless Chromium
 * (Debian's package; tools/install-browser-tools.sh), shows every line of the chart, the
 * reconcile passes and the summary's invariant rows, and fetches nothing.
 */
class HtmlReportTest {
    private static final int PAGE_WIDTH = 1100;
    private static final int PAGE_HEIGHT = 1600;

    @TempDir
    static Path directory;
    private static String page;
    private static BufferedImage screenshot;
    private static String dom;

    @BeforeAll
    static void renderASmallChaoticRun() throws Exception {
        InstallScript.run(ProjectRoot.find(), "install-browser-tools.sh");
        Path report = directory.resolve("run.html");
        PrintStream original = System.out;
        int exitCode;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            exitCode = new CommandLine(new Main()).execute("simulate", "--instances", "8", "--lifecycle-hooks",
                    "--chaos", "--seed", "3", "--json", "--report", report.toString());
        } finally {
            System.setOut(original);
        }
        assertThat(exitCode).isZero();
        page = Files.readString(report);
        Path png = directory.resolve("run.png");
        chromium("--screenshot=" + png, "--window-size=" + PAGE_WIDTH + "," + PAGE_HEIGHT, report.toUri().toString());
        screenshot = ImageIO.read(png.toFile());
        dom = chromium("--dump-dom", report.toUri().toString());
    }

    @Test
    void thePageFetchesNothing() {
        assertThat(page).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
                .doesNotContain("src=", "href=", "@import", "url(", "@font-face");
        assertThat(page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http://", "https://");
    }

    @Test
    void everyLineOfTheChartIsDrawn() {
        int chartBottom = 680;
        for (HtmlReport.Series series : HtmlReport.SERIES) {
            assertThat(pixels(series.colour(), 0, chartBottom)).as(series.label()).isGreaterThan(300);
        }
        assertThat(pixels(HtmlReport.FAULT_COLOUR, 0, chartBottom)).as("faults").isGreaterThan(300);
        assertThat(pixels(HtmlReport.PASS_COLOUR, 0, chartBottom)).as("reconcile passes").isGreaterThan(5 * 3 * 24);
        assertThat(dom).contains("<svg id=\"timeline\"", "reconcile passes (");
    }

    @Test
    void theSummaryIsDrawnWithItsInvariantsHeld() {
        assertThat(pixels(HtmlReport.OK_BACKGROUND, 0, PAGE_HEIGHT)).as("invariant rows").isGreaterThan(
                HtmlReport.INVARIANTS.size() * 200 * 15);
        assertThat(pixels(HtmlReport.VIOLATION_BACKGROUND, 0, PAGE_HEIGHT)).isZero();
        assertThat(dom).contains("<table id=\"summary\">", "<td>orphans</td>", "<td>faultsInjected.handlerDied</td>",
                "<td>reconciler.passes</td>");
    }

    private static long pixels(String colour, int fromY, int toY) {
        int rgb = Integer.parseInt(colour.substring(1), 16);
        long count = 0;
        for (int y = fromY; y < Math.min(toY, screenshot.getHeight()); y++) {
            for (int x = 0; x < screenshot.getWidth(); x++) {
                if ((screenshot.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Runs Debian's chromium headless (flags as tools/install-browser-tools.sh notes); its stdout. */
    private static String chromium(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("chromium", "--headless", "--no-sandbox",
                "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + directory.resolve("profile")));
        command.addAll(List.of(arguments));
        Path out = directory.resolve("chromium.out");
        Path err = directory.resolve("chromium.err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not finish within 90 s: " + Files.readString(err));
        }
        assertThat(process.exitValue()).as(Files.readString(err)).isZero();
        return Files.readString(out);
    }
}
