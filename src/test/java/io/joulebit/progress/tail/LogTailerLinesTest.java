package io.joulebit.progress.tail;

import static io.joulebit.progress.tail.TailFixture.append;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the tailer makes of the bytes in one file that is neither rotated nor truncated. */
class LogTailerLinesTest {
    @TempDir Path dir;
    private final TailFixture.Recorder rec = new TailFixture.Recorder();

    private LogTailer tailer(Path log) { return LogTailer.builder(log).build(rec); }

    @Test
    void deliversCompleteLinesAndTheOffsetAfterTheLastOne() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "one\n\nthree\npart");
        LogTailer t = tailer(log);
        t.pollOnce();
        assertThat(rec.lines).containsExactly("one", "", "three");
        assertThat(t.position()).get().extracting(TailPosition::offset).isEqualTo(11L);
        assertThat(t.position().get().identity()).isEqualTo(FileIdentity.of(log).orElseThrow());
        assertThat(t.counters().linesDelivered()).isEqualTo(3);
        assertThat(rec.caughtUp.get()).isEqualTo(1);
    }

    @Test
    void partialLineWaitsForItsNewline() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "step 1 lo");
        LogTailer t = tailer(log);
        t.pollOnce();
        assertThat(rec.lines).isEmpty();
        assertThat(t.position().get().offset()).isZero();
        append(log, "ss 2.5");
        t.pollOnce();
        assertThat(rec.lines).isEmpty();
        append(log, "\nstep 2\n");
        t.pollOnce();
        assertThat(rec.lines).containsExactly("step 1 loss 2.5", "step 2");
    }

    @Test
    void crlfProgressRedrawsAndAnsiAreCleaned() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "step 1 loss 3.0\r\n"
                + "  5%|#    |\r 55%|###  |\r100%|#####| loss=2.0\n"
                + "\u001b[1m\u001b[32mstep 2\u001b[0m loss 2.9\n");
        tailer(log).pollOnce();
        assertThat(rec.lines).containsExactly("step 1 loss 3.0", "100%|#####| loss=2.0", "step 2 loss 2.9");
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws Exception {
        Path log = dir.resolve("train.log");
        byte[] bad = {'a', (byte) 0xff, 'b', (byte) 0xc3, '\n', 'o', 'k', '\n'};
        append(log, bad);
        tailer(log).pollOnce();
        assertThat(rec.lines).containsExactly("a\ufffdb\ufffd", "ok");
    }

    @Test
    void twoMebibyteLineIsRejectedTheNextLineArrivesAndMemoryStaysBounded() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "before\n");
        LogTailer t = tailer(log);
        t.pollOnce();
        byte[] quarter = new byte[512 * 1024];
        Arrays.fill(quarter, (byte) 'x');
        for (int i = 0; i < 4; i++) { // 2 MiB arriving over several polls: never held whole
            append(log, quarter);
            t.pollOnce();
            assertThat(t.lineBufferCapacity()).isLessThanOrEqualTo(LogTailer.DEFAULT_MAX_LINE_BYTES);
        }
        append(log, "\nnext\n");
        t.pollOnce();
        assertThat(rec.lines).containsExactly("before", "next");
        assertThat(t.counters().linesRejected()).isEqualTo(1);
        assertThat(t.position().get().offset()).isEqualTo(Files.size(log));
        assertThat(t.lineBufferCapacity()).isLessThanOrEqualTo(LogTailer.DEFAULT_MAX_LINE_BYTES);
    }

    @Test
    void configuredCapAppliesToBytesNotCharacters() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "\u00e9\u00e9\n\u00e9\u00e9\u00e9\n"); // 4 bytes, then 6 bytes
        LogTailer t = LogTailer.builder(log).maxLineBytes(5).build(rec);
        t.pollOnce();
        assertThat(rec.lines).containsExactly("\u00e9\u00e9");
        assertThat(t.counters().linesRejected()).isEqualTo(1);
    }

    @Test
    void startAtEndSkipsExistingLinesButKeepsTheUnfinishedLastOneWhole() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "old 1\nold 2\nnew be");
        LogTailer t = LogTailer.builder(log).startAtEnd().build(rec);
        t.pollOnce();
        assertThat(rec.lines).isEmpty();
        append(log, "gins\nnew 2\n");
        t.pollOnce();
        assertThat(rec.lines).containsExactly("new begins", "new 2");
    }

    @Test
    void startAtEndOfAFileThatAppearsLaterReadsItWhole() throws Exception {
        Path log = dir.resolve("train.log");
        LogTailer t = LogTailer.builder(log).startAtEnd().build(rec);
        t.pollOnce();
        Files.writeString(log, "first\n", StandardCharsets.UTF_8);
        t.pollOnce();
        assertThat(rec.lines).containsExactly("first");
    }

    @Test
    void failingConsumerDoesNotStopTheTailer() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "boom\nfine\n");
        LogTailer t = LogTailer.builder(log).build(line -> {
            if (line.equals("boom")) throw new IllegalStateException("consumer bug");
            rec.lines.add(line);
        });
        t.pollOnce();
        assertThat(rec.lines).containsExactly("fine");
        assertThat(t.position().get().offset()).isEqualTo(10);
    }
}
