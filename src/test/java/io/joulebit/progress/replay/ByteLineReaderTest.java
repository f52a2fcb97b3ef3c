package io.joulebit.progress.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joulebit.progress.format.ByteLine;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

class ByteLineReaderTest {
    /** Every line with its flags; the read-ahead reader (chunks of the same size) must give exactly the same. */
    private static List<String> read(String text, int buffer, int maxLine) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> direct = lines(new ByteLineReader(new ByteArrayInputStream(bytes), buffer, maxLine));
        try (ByteLineReader ahead = ByteLineReader.readingAhead(new ByteArrayInputStream(bytes), buffer, maxLine)) {
            assertThat(lines(ahead)).as("read ahead").isEqualTo(direct);
        }
        return direct;
    }

    private static List<String> lines(ByteLineReader r) throws IOException {
        List<String> out = new ArrayList<>();
        ByteLine l;
        while ((l = r.next()) != null) out.add(l.toString() + "#" + l.flags());
        return out;
    }

    @Test
    void splitsAcrossRefillsHandlesCrlfAndTheLastLineWithoutNewline() throws IOException {
        assertThat(read("alpha\r\nbeta gamma delta\n\nx\ry\nlast", 24, 20))
                .containsExactly("alpha#0", "beta gamma delta#0", "#0", "x\ry#1", "last#0");
    }

    @Test
    void flagsEscapesAndTruncatesOverLongLines() throws IOException {
        String longLine = "z".repeat(100);
        List<String> got = read("\u001b[31mred\u001b[0m\n" + longLine + "\nafter\n", 64, 20);
        assertThat(got.get(0)).endsWith("#2");
        assertThat(got.get(1)).isEqualTo("z".repeat(20) + "#0");
        assertThat(got.get(2)).isEqualTo("after#0");
        assertThat(got).hasSize(3);
    }

    @Test
    void anOverLongLineIsTheSameWindowWhereverTheReadsEnded() throws IOException {
        Random rnd = new Random(11);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            int n = rnd.nextInt(60);
            for (int j = 0; j < n; j++) text.append("ab\r\u001bc d".charAt(rnd.nextInt(7)));
            text.append(rnd.nextInt(4) == 0 ? "\r\n" : "\n");
        }
        List<String> whole = read(text.toString(), 1 << 20, 24);      // every line fits in one buffer
        assertThat(whole).anyMatch(l -> l.length() > 24);
        for (int buffer = 25; buffer < 90; buffer += 7) {
            assertThat(read(text.toString(), buffer, 24)).as("buffer " + buffer).isEqualTo(whole);
        }
    }

    @Test
    void readAheadKeepsLinesWholeAcrossManyChunks() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) text.append("line ").append(i).append(" ").append("x".repeat(i % 37)).append('\n');
        List<String> got = read(text.toString(), 64, 48);
        assertThat(got).hasSize(5000);
        assertThat(got.get(4999)).isEqualTo("line 4999 " + "x".repeat(4999 % 37) + "#0");
    }

    @Test
    void readAheadHandsOnTheStreamsFailureAfterTheLinesReadBeforeIt() throws IOException {
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream("one\ntwo\n".getBytes(StandardCharsets.UTF_8)),
                new InputStream() {
                    @Override public int read() throws IOException { throw new IOException("disk gone"); }
                });
        try (ByteLineReader r = ByteLineReader.readingAhead(failing, 64, 32)) {
            List<String> got = new ArrayList<>();
            assertThatThrownBy(() -> {
                ByteLine l;
                while ((l = r.next()) != null) got.add(l.toString());
            }).isInstanceOf(IOException.class).hasMessage("disk gone");
            assertThat(got).containsExactly("one", "two");   // what was read before the failure is not lost
        }
    }

    @Test
    void jsonWriterRoundTripsDoubles() throws IOException {
        double[] values = {7.123456, 1.5e-4, 6e-06, 2.0, 0.1, 123456789.125, 1e-12, 3.0e20, -2.5, 0.0030000001};
        for (double v : values) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StepJsonWriter w = new StepJsonWriter(out);
            w.writeDouble(v);
            w.flush();
            double back = Double.parseDouble(out.toString(StandardCharsets.US_ASCII));
            assertThat(back).as(out.toString()).isCloseTo(v, Assertions.withinPercentage(1e-12));
        }
    }
}
