package io.joulebit.progress.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.progress.format.ByteLine;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

class ByteLineReaderTest {
    private static List<String> read(String text, int buffer, int maxLine) throws IOException {
        ByteLineReader r = new ByteLineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), buffer, maxLine);
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
