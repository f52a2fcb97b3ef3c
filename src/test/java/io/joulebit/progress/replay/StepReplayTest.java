package io.joulebit.progress.replay;

import io.joulebit.progress.StepEvent;
import io.joulebit.progress.format.ByteLine;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.format.LegacyMegatronFormat;
import io.joulebit.progress.format.LineKind;
import io.joulebit.progress.format.LineResult;
import io.joulebit.progress.format.LossUnit;
import io.joulebit.progress.format.MegatronFormat;
import io.joulebit.progress.format.MegatronFuzzLines;
import io.joulebit.progress.format.TokenDeriver;
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
 * The allocation-free replay must be invisible: on fuzzed Megatron-shaped input it gives the same line kinds and
 * the same JSON bytes as the CharSequence parser it replaced, read through the ordinary object path.
 */
class StepReplayTest {
    @Test
    void replayWritesTheSameBytesAsTheObjectPath() throws IOException {
        StringBuilder text = new StringBuilder();
        for (String l : MegatronFuzzLines.of(20_000, 5)) text.append(l).append(l.hashCode() % 7 == 0 ? "\r\n" : "\n");
        byte[] file = text.toString().getBytes(StandardCharsets.UTF_8);
        for (FormatOptions o : List.of(FormatOptions.defaults(), FormatOptions.defaults().withSeqLen(2048),
                FormatOptions.defaults().withTokensPerStep(4096).withLossUnit(LossUnit.BITS).withMaxLineChars(120))) {
            int buffer = o.maxLineChars() < 1000 ? 4096 : 1 << 17;     // small: many refills and over-long lines
            long[] kinds = new long[LineKind.values().length];
            TokenDeriver tokens = new TokenDeriver(o);
            String want = formerLoop(file, o, buffer, kinds, tokens);
            assertThat(want.length()).isGreaterThan(1000);
            for (int mode = 0; mode < 3; mode++) {    // inline, pipelined, pipelined reading ahead
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                StepReplay replay = new StepReplay(new MegatronFormat(o), o, out, mode > 0);
                var in = new ByteArrayInputStream(file);
                int max = o.maxLineChars() + 1;
                replay.run(mode < 2 ? new ByteLineReader(in, buffer, max) : ByteLineReader.readingAhead(in, buffer, max));
                assertThat(out.toString(StandardCharsets.UTF_8)).as("mode " + mode).isEqualTo(want);
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
        for (int i = 0; i < MegatronFuzzLines.CASES; i++) {
            double v = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(rnd.nextLong());
                case 1 -> Double.parseDouble(MegatronFuzzLines.decimal(rnd));
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
