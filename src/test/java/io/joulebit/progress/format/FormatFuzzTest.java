package io.joulebit.progress.format;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Random and mutated real lines (fixed seed) through every format: nothing may throw, every line is classified. */
class FormatFuzzTest {
    @Test
    void noFormatThrowsOnRandomOrMutatedLines() throws IOException {
        List<String> seeds = LineFuzzer.sampleLines(SampleLogsTest.ROOT);
        assertThat(seeds).hasSizeGreaterThan(50);
        LineFuzzer fuzz = new LineFuzzer(20240601L, seeds);
        List<String> lines = new ArrayList<>(20_000);
        for (int i = 0; i < 20_000; i++) lines.add(fuzz.next(i));
        FormatOptions opts = FormatOptions.defaults().withRegex("step (?<step>\\S+) loss (?<loss>\\S+)( tok (?<tokens>\\S+))?");
        for (String name : LogFormats.names()) {
            StepFormat f = LogFormats.create(name, opts);
            long counted = 0;
            for (String l : lines) {
                LineResult r = f.read(l);
                assertThat(r).as("%s on %s", name, l).isNotNull();
                // the parser itself must not throw: read()'s safety net is not what keeps it alive
                assertThatCode(() -> f.readSegment(Ansi.strip(l))).as("%s on %s", name, l).doesNotThrowAnyException();
                counted++;
            }
            assertThat(f.finish()).isNotNull();
            assertThat(counted).isEqualTo(lines.size());
        }
    }
}
