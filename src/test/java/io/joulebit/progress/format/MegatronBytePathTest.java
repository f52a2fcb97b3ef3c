package io.joulebit.progress.format;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Megatron's allocation-free byte path classifies every fuzzed line exactly as the CharSequence parser it replaced. */
class MegatronBytePathTest {
    @Test
    void bytePathMatchesTheCharSequenceParserLineByLine() throws IOException {
        FormatOptions o = FormatOptions.defaults();
        StepRecord rec = new StepRecord();
        for (String l : MegatronFuzzLines.of(ByteScanTest.CASES / 4, 3)) {
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

}
