package io.joulebit.progress.format;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every format's needles ({@link StepFormat#needles}) over every corpus line, the refused logs and 20,000 fuzzed
 * lines, as text and as bytes: a line the gate passes by (no needle, and the format not {@link
 * StepFormat#readsEveryLine reading every line}) must read as IGNORED, and a second instance that reads only the lines
 * the gate lets through must give the same result on each of them and the same held-back events at the end, so
 * skipping a line never changed the format's state.
 */
class FormatNeedlesTest {
    @Test
    void aLineWithoutAFormatsNeedlesIsIgnoredAndChangesNothing() throws IOException {
        List<String> lines = new ArrayList<>(LineFuzzer.sampleLines(SampleLogsTest.ROOT));
        lines.addAll(LineFuzzer.sampleLines(Path.of("src/test/resources/logs-refused")));
        LineFuzzer fuzz = new LineFuzzer(20261206L, lines);
        for (int i = 0; i < 20_000; i++) lines.add(fuzz.next(i));
        FormatOptions opts = FormatOptions.defaults();
        int gated = 0;
        for (String name : LogFormats.names()) {
            if (name.equals("regex")) continue;
            NeedleGate gate = new NeedleGate(opts.maxLineChars());
            long mask = gate.register(LogFormats.create(name, opts).needles());
            if (mask == 0) continue;
            gated++;
            long passedBy = check(name, opts, gate, mask, lines, false) + check(name, opts, gate, mask, lines, true);
            assertThat(passedBy).as("%s: lines its needles pass by", name).isPositive();
        }
        assertThat(gated).as("formats with needles").isGreaterThanOrEqualTo(20);
    }

    /** Lines the gate passed by for this format. */
    private static long check(String name, FormatOptions opts, NeedleGate gate, long mask, List<String> lines,
                              boolean asBytes) {
        StepFormat all = LogFormats.create(name, opts);
        StepFormat offered = LogFormats.create(name, opts);
        long passedBy = 0;
        for (String l : lines) {
            CharSequence line = asBytes ? bytes(l) : l;
            boolean passBy = !NeedleGate.offered(mask, gate.present(line)) && !offered.readsEveryLine();
            LineResult r = all.read(line);
            if (passBy) {
                passedBy++;
                assertThat(r.kind()).as("%s on a line without its needles: %s", name, l).isEqualTo(LineKind.IGNORED);
            } else {
                assertThat(offered.read(asBytes ? bytes(l) : l)).as("%s on %s", name, l).isEqualTo(r);
            }
        }
        assertThat(offered.finish()).as("%s held back", name).isEqualTo(all.finish());
        return passedBy;
    }

    private static ByteLine bytes(String l) {
        byte[] b = l.getBytes(StandardCharsets.UTF_8);
        ByteLine line = new ByteLine();
        line.set(b, 0, b.length, ByteLine.flagsOf(l));
        return line;
    }

    @Test
    void colouredAndOverLongLinesReachEveryFormat() {
        NeedleGate gate = new NeedleGate(40);
        long mask = gate.register(List.of("iteration"));
        assertThat(NeedleGate.offered(mask, gate.present("elapsed time 12 ms"))).isFalse();
        assertThat(NeedleGate.offered(mask, gate.present(" iteration 3/ 10 |"))).isTrue();
        assertThat(NeedleGate.offered(mask, gate.present("iter\u001b[0mation 3/ 10 |"))).isTrue();
        assertThat(NeedleGate.offered(mask, gate.present("x".repeat(41)))).isTrue();
        assertThat(NeedleGate.offered(0, gate.present("anything"))).isTrue();
    }

    @Test
    void aFormatWhoseNeedlesDoNotFitIsOfferedEveryLine() {
        NeedleGate gate = new NeedleGate(100);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 64; i++) many.add("n" + i);
        assertThat(gate.register(many)).isEqualTo(-1L);
        assertThat(gate.register(List.of("n3"))).isEqualTo(1L << 3);
        assertThat(gate.register(List.of("n3", "another"))).isZero();
    }
}
