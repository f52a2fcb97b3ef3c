package io.joulebit.progress.format;

import io.joulebit.progress.StepEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allocation-free byte path must be invisible: on fuzzed Megatron-shaped input it gives the same line kinds and
 * the same JSON bytes as the CharSequence parser it replaced, read through the ordinary object path.
 */
class StepReplayTest {
    private static final String BENCH_LINE = " iteration %8d/ 5000000 | consumed samples: %12d | elapsed time per iteration (ms): 1234.5 | learning rate: %.6E | global batch size:   512 | lm loss: %.6E | loss scale: 65536.0 |";

    static List<String> fuzzLines(int n, long seed) throws IOException {
        List<String> seeds = new ArrayList<>(LineFuzzer.sampleLines(SampleLogsTest.ROOT));
        Random rnd = new Random(seed);
        for (int i = 0; i < 200; i++) {
            seeds.add(String.format(java.util.Locale.ROOT, BENCH_LINE, rnd.nextInt(1 << 20), rnd.nextInt(1 << 30),
                    rnd.nextDouble() * 1e-3, rnd.nextDouble() * 12));
        }
        seeds.add(" validation loss at iteration 1000 | lm loss value: 6.543210E+00 | lm loss PPL: 6.945E+02 | ");
        LineFuzzer fuzz = new LineFuzzer(seed, seeds);
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) lines.add(i % 4 == 3 ? seeds.get(rnd.nextInt(seeds.size())) : fuzz.next(i));
        return lines;
    }

    @Test
    void bytePathMatchesTheCharSequenceParserLineByLine() throws IOException {
        FormatOptions o = FormatOptions.defaults();
        StepRecord rec = new StepRecord();
        for (String l : fuzzLines(ByteScanTest.CASES / 4, 3)) {
            // Fresh parsers per line: the fuzz repeats lines, which the step-once filter of StepFormat drops.
            MegatronFormat now = new MegatronFormat(o);
            LegacyMegatronFormat before = new LegacyMegatronFormat(o);
            LineResult want = before.read(l);
            assertThat(now.read(l)).as(l).isEqualTo(want);
            if (l.indexOf('\r') >= 0 || l.indexOf('\u001b') >= 0) continue;
            byte[] b = l.getBytes(StandardCharsets.UTF_8);
            LineResult wantBytes = new LegacyMegatronFormat(o).read(new String(b, StandardCharsets.ISO_8859_1));
            LineKind k = now.readBytes(b, 0, b.length, rec);
            assertThat(k).as(l).isEqualTo(wantBytes.kind());
            if (k == LineKind.PARSED) {
                assertThat(rec.toEvent()).as(l).isEqualTo(wantBytes.events().get(0));
                assertThat(rec.consumedSamples).as(l).isEqualTo(wantBytes.consumedSamples());
            }
        }
    }

    @Test
    void replayWritesTheSameBytesAsTheObjectPath() throws IOException {
        StringBuilder text = new StringBuilder();
        for (String l : fuzzLines(20_000, 5)) text.append(l).append(l.hashCode() % 7 == 0 ? "\r\n" : "\n");
        byte[] file = text.toString().getBytes(StandardCharsets.UTF_8);
        for (FormatOptions o : List.of(FormatOptions.defaults(), FormatOptions.defaults().withSeqLen(2048),
                FormatOptions.defaults().withTokensPerStep(4096).withLossUnit(LossUnit.BITS).withMaxLineChars(120))) {
            int buffer = o.maxLineChars() < 1000 ? 4096 : 1 << 17;     // small: many refills and over-long lines
            long[] kinds = new long[LineKind.values().length];
            TokenDeriver tokens = new TokenDeriver(o);
            String want = formerLoop(file, o, buffer, kinds, tokens);
            assertThat(want.length()).isGreaterThan(1000);
            for (boolean pipelined : new boolean[] {false, true}) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                StepReplay replay = new StepReplay(new MegatronFormat(o), o, out, pipelined);
                replay.run(new ByteLineReader(new ByteArrayInputStream(file), buffer, o.maxLineChars() + 1));
                assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(want);
                for (LineKind k : LineKind.values()) assertThat(replay.count(k)).as(k.label()).isEqualTo(kinds[k.ordinal()]);
                assertThat(replay.tokenOrigin()).isEqualTo(tokens.origin());
            }
        }
    }

    /** replay-log's loop as of commit 79dc8ad: the former parser, LineResults, StepEvents. */
    private static String formerLoop(byte[] file, FormatOptions o, int buffer, long[] kinds, TokenDeriver tokens)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StepJsonWriter json = new StepJsonWriter(out);
        LegacyMegatronFormat legacy = new LegacyMegatronFormat(o);
        ByteLineReader reader = new ByteLineReader(new ByteArrayInputStream(file), buffer, o.maxLineChars() + 1);
        ByteLine line;
        while ((line = reader.next()) != null) {
            LineResult r = legacy.read(line);
            kinds[r.kind().ordinal()]++;
            if (r.kind() == LineKind.PARSED) for (StepEvent e : tokens.apply(r)) json.write(e);
        }
        json.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonNumbersMatchTheFormerDigitLoop() throws IOException {
        Random rnd = new Random(13);
        for (int i = 0; i < ByteScanTest.CASES; i++) {
            double v = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(rnd.nextLong());
                case 1 -> Double.parseDouble(ByteScanTest.decimal(rnd));
                case 2 -> nearPowerOfTen(rnd);
                default -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
            };
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StepJsonWriter w = new StepJsonWriter(out);
            w.writeDouble(v);
            w.flush();
            assertThat(out.toString(StandardCharsets.US_ASCII)).as("%s", v).isEqualTo(formerDouble(v));
        }
        for (long v : new long[] {0, 7, 10, 99, 100, 99_999_999, 100_000_000, 123_456_789_012L, -5, Long.MAX_VALUE, Long.MIN_VALUE}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StepJsonWriter w = new StepJsonWriter(out);
            w.write(StepEvent.train(v, 1.0).withTokens(v));
            w.flush();
            assertThat(out.toString(StandardCharsets.US_ASCII)).startsWith("{\"step\":" + v + ",").contains("\"tokens\":" + v + ",");
        }
    }

    /** Where a decimal exponent is hardest to get right: a few ulps either side of 10^e. */
    private static double nearPowerOfTen(Random rnd) {
        double p = Double.parseDouble("1e" + (rnd.nextInt(50) - 25));
        int ulps = rnd.nextInt(2000) - 1000;
        if (Math.abs(ulps) > 50) return p * (1 + ulps * 1e-16);
        for (int k = 0; k < Math.abs(ulps); k++) p = ulps > 0 ? Math.nextUp(p) : Math.nextDown(p);
        return p;
    }

    /** StepJsonWriter.writeDouble as of commit 79dc8ad (digits by % 10), the oracle for the faster digit code. */
    private static String formerDouble(double v) {
        if (!Double.isFinite(v)) return "null";
        if (v == 0) return "0.0";
        StringBuilder b = new StringBuilder();
        if (v < 0) { b.append('-'); v = -v; }
        int exp = (int) Math.floor(Math.log10(v));
        if (exp < -300 || exp > 300) return b.append(Double.toString(v)).toString();
        long m = Math.round(v * pow10(14 - exp));
        if (m >= 1_000_000_000_000_000L) { m = Math.round(m / 10.0); exp++; }
        else if (m < 100_000_000_000_000L) { m = Math.round(v * pow10(15 - exp)); exp--; }
        if (m >= 1_000_000_000_000_000L) { m /= 10; exp++; }
        char[] d = new char[15];
        for (int i = 14; i >= 0; i--) { d[i] = (char) ('0' + m % 10); m /= 10; }
        int last = 14;
        while (last > 0 && d[last] == '0') last--;
        if (exp >= 0 && exp < 15) {
            b.append(d, 0, exp + 1).append('.');
            if (last <= exp) b.append('0'); else b.append(d, exp + 1, last - exp);
        } else if (exp < 0 && exp >= -5) {
            b.append("0.");
            for (int i = -1; i > exp; i--) b.append('0');
            b.append(d, 0, last + 1);
        } else {
            b.append(d[0]).append('.');
            if (last == 0) b.append('0'); else b.append(d, 1, last);
            b.append('E').append(exp);
        }
        return b.toString();
    }

    private static double pow10(int e) { return e >= 0 && e <= 22 ? Double.parseDouble("1e" + e) : Math.pow(10, e); }
}
