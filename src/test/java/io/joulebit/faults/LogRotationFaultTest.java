package io.joulebit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.joulebit.progress.tail.FileIdentity;
import io.joulebit.progress.tail.LogTailer;
import io.joulebit.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Fault 3: while the sidecar follows it, the log is rotated (rename + create), deleted with the writer still writing
 * to it, and truncated in the middle of a line (copytruncate). No complete line is lost or counted twice; each
 * rotation and truncation is counted and logged once.
 */
class LogRotationFaultTest {
    private static final int LINES = 1200;

    private static byte[] line(long step) {
        return ("{\"step\": " + step + ", \"loss\": " + (10.0 / Math.sqrt(step)) + ", \"tokens\": " + step * 1000
                + "}\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rotatedAndDeletedWhileWritingLosesNoLineAndCountsNoneTwice(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("train.jsonl");
        try (LogCapture tailLog = LogCapture.on(LogTailer.class); FollowedLog f = FollowedLog.threaded(log)) {
            OutputStream out = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            int rotations = 0;
            for (long step = 1; step <= LINES; step++) {
                out.write(line(step)); // one write per line, as a line-buffered logger does
                if (step % 5 == 0) out.flush();
                if (step % 300 == 0 && step < LINES) {
                    rotations++;
                    // one rotation at a time: the tailer must hold the current file open before it is moved away
                    Await.until("the tailer on the file at the path before rotation " + rotations,
                            () -> following(f, log), () -> f.source.position() + " at path " + identity(log));
                    if (rotations == 3) {
                        Files.delete(log); // deleted under the writer, which keeps writing to the unlinked file
                        for (int i = 0; i < 50; i++) out.write(line(++step));
                        out.close();
                    } else {
                        out.close();
                        Files.move(log, dir.resolve("train.jsonl." + rotations));
                    }
                    out = Files.newOutputStream(log, StandardOpenOption.CREATE_NEW, StandardOpenOption.APPEND);
                }
                if (step % 20 == 0) Thread.sleep(1); // a writer that takes its time, so reads interleave with writes
            }
            out.close();
            Await.until("every line read", () -> f.source.counters().parsed() == LINES, f.source::counters);
            f.awaitApplied();

            assertThat(f.handedSteps()).as("each line exactly once, in order")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, LINES).boxed().toList());
            var p = f.agent.latest().progress();
            assertThat(p.trainSteps()).isEqualTo(LINES);
            assertThat(p.stepsReplayed()).isZero();
            assertThat(p.tokens()).hasValue(LINES * 1000L);
            assertThat(f.source.counters().ignored() + f.source.counters().rejected()).isZero();
            assertThat(f.source.tailCounters().rotations()).isEqualTo(3);
            assertThat(tailLog.messages(Level.INFO, "rotated away")).as("each rotation logged once").hasSize(3);
            assertThat(tailLog.messages(Level.WARN)).isEmpty();
            String text = f.scrape.text();
            assertThat(Scrape.require(text, "joulebit_run_steps_total")).isEqualTo(LINES);
            assertThat(Scrape.require(text, "joulebit_progress_log_rotations_total")).as("exported").isEqualTo(3);
            assertThat(Scrape.require(text, "joulebit_progress_log_truncations_total")).isZero();
        }
    }

    @Test
    void truncatedMidLineCountsEveryCompleteLineOnce(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("train.jsonl");
        try (LogCapture tailLog = LogCapture.on(LogTailer.class); FollowedLog f = FollowedLog.polled(log);
             FileChannel writer = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.APPEND)) {
            for (int step = 1; step <= 5; step++) write(writer, line(step));
            byte[] six = line(6);
            int half = 15;
            write(writer, Arrays.copyOf(six, half)); // the writer is in the middle of line 6
            f.poll();
            assertThat(f.handedSteps()).containsExactly(1L, 2L, 3L, 4L, 5L);

            Files.copy(log, dir.resolve("train.jsonl.1")); // copytruncate: copy, then truncate in place
            try (FileChannel t = FileChannel.open(log, StandardOpenOption.WRITE)) {
                t.truncate(0);
            }
            // O_APPEND: the rest of line 6 lands at the new start, then the writer goes on
            write(writer, Arrays.copyOfRange(six, half, six.length));
            write(writer, line(7));
            f.poll();
            for (int step = 8; step <= 10; step++) write(writer, line(step));
            f.poll();

            assertThat(f.handedSteps()).as("every complete line once; the torn line 6 is no line")
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 7L, 8L, 9L, 10L);
            var c = f.source.counters();
            assertThat(c.parsed()).isEqualTo(9);
            assertThat(c.ignored() + c.rejected()).as("both halves of the torn line, counted").isEqualTo(2);
            var p = f.agent.latest().progress();
            assertThat(p.trainSteps()).isEqualTo(9);
            assertThat(p.stepsReplayed()).isZero();
            assertThat(p.tokens()).hasValue(10_000);
            assertThat(f.source.tailCounters().truncations()).isEqualTo(1);
            f.awaitApplied();
            assertThat(f.agent.latest().progress().lines().file().orElseThrow().truncations()).as("exported")
                    .isEqualTo(1);
            assertThat(tailLog.messages(Level.INFO, "truncated")).as("logged once").hasSize(1);
            assertThat(tailLog.messages(Level.WARN)).isEmpty();
        }
    }

    private static String identity(Path p) {
        try {
            return FileIdentity.of(p) + "/" + Files.size(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The tailer has opened the file the path names now (so moving it away cannot hide it from the tailer). */
    private static boolean following(FollowedLog f, Path log) {
        try {
            var atPath = FileIdentity.of(log);
            return atPath.isPresent() && f.source.position().map(p -> p.identity().equals(atPath.get())).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    private static void write(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) ch.write(b);
    }
}
