package io.adoec2.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The long-running commands' progress: one line rewritten in place on a terminal, plain lines elsewhere. */
class ProgressBarTest {
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(written, true, StandardCharsets.UTF_8);

    @Test
    void elsewhereALargeRunWritesAPlainLineAtEveryTenthNotOnePerStep() {
        ProgressBar bar = new ProgressBar(new ProgressLine(out, false), true, 1000);
        for (int i = 1; i <= 1000; i++) {
            bar.step("i-" + i);
        }
        String text = written.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r", "\033");
        assertThat(text.lines()).hasSize(10).first().isEqualTo("100/1000 (10%) i-100");
        assertThat(text.lines()).last().isEqualTo("1000/1000 (100%) i-1000");
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndTheLastStaysOnALineOfItsOwn() {
        ProgressBar bar = new ProgressBar(new ProgressLine(out, true), true, 3);
        bar.step("listed a");
        bar.step("listed b");
        bar.step("listed c");
        String text = written.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\r[##########....................] 1/3 listed a\033[K")
                .endsWith("\r[##############################] 3/3 listed c\033[K\n");
        assertThat(text.chars().filter(c -> c == '\n')).hasSize(1);
    }

    @Test
    void aMessageAfterAnEndedLineStartsAfreshAndNothingIsShownWhenDisabled() {
        ProgressLine line = new ProgressLine(out, true);
        line.show("bench: calls per lifecycle");
        line.end();
        line.end();
        new ProgressBar(line, false, 5).step("unseen");
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("\rbench: calls per lifecycle\033[K\n");
    }
}
