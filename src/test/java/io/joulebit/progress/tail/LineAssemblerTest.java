package io.joulebit.progress.tail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

class LineAssemblerTest {
    private final List<String> events = new ArrayList<>();
    private final LineAssembler.Out out = new LineAssembler.Out() {
        @Override public void line(String text, long nextOffset) { events.add(text + "@" + nextOffset); }

        @Override public void rejected(long bytes, long nextOffset) { events.add("rejected " + bytes + "@" + nextOffset); }
    };

    private void feed(LineAssembler a, String s, long offset) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        a.feed(b, b.length, offset, out);
    }

    @Test
    void splitsLinesAndReportsTheOffsetAfterEachTerminator() {
        LineAssembler a = new LineAssembler(100);
        feed(a, "ab\n\ncd\nef", 10);
        feed(a, "g\n", 19);
        assertThat(events).containsExactly("ab@13", "@14", "cd@17", "efg@21");
    }

    @Test
    void multiByteCharacterSplitAcrossReadsIsDecodedWhole() {
        LineAssembler a = new LineAssembler(100);
        byte[] b = "\u00e9t\u00e9\n".getBytes(StandardCharsets.UTF_8); // é is 2 bytes
        a.feed(b, 1, 0, out);
        byte[] rest = Arrays.copyOfRange(b, 1, b.length);
        a.feed(rest, rest.length, 1, out);
        assertThat(events).containsExactly("\u00e9t\u00e9@6");
    }

    @Test
    void overlongLineIsRejectedWithItsLengthAndMemoryStaysAtTheCap() {
        LineAssembler a = new LineAssembler(8);
        feed(a, "12345", 0);
        feed(a, "67890", 5);
        feed(a, "abc\nok\n", 10);
        assertThat(events).containsExactly("rejected 13@14", "ok@17");
        assertThat(a.bufferCapacity()).isLessThanOrEqualTo(8);
    }

    @Test
    void lineOfExactlyTheCapIsKept() {
        LineAssembler a = new LineAssembler(4);
        feed(a, "abcd\nabcde\n", 0);
        assertThat(events).containsExactly("abcd@5", "rejected 5@11");
    }

    @Test
    void flushEmitsTheUnterminatedRestOnce() {
        LineAssembler a = new LineAssembler(100);
        feed(a, "done\npart", 0);
        a.flush(out, 9);
        a.flush(out, 9);
        assertThat(events).containsExactly("done@5", "part@9");
    }
}
