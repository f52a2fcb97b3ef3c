package io.joulebit.progress.tail;

import static io.joulebit.progress.tail.TailFixture.append;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Continuing from a saved TailPosition after the agent was down. */
class LogTailerResumeTest {
    @TempDir Path dir;
    private final TailFixture.Recorder rec = new TailFixture.Recorder();

    private TailPosition readAndStop(Path log) {
        LogTailer first = LogTailer.builder(log).build(line -> { });
        first.pollOnce();
        TailPosition saved = first.position().orElseThrow();
        first.close();
        return saved;
    }

    @Test
    void sameFileContinuesFromTheOffset() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "a\nb\n");
        TailPosition saved = readAndStop(log);
        append(log, "c\n");
        LogTailer t = LogTailer.builder(log).resumeFrom(saved).build(rec);
        assertThat(t.position()).contains(saved); // persisting before the first poll keeps the saved place
        t.pollOnce();
        assertThat(rec.lines).containsExactly("c");
        assertThat(t.position().get()).isEqualTo(new TailPosition(saved.identity(), 6));
    }

    @Test
    void fileRotatedWhileDownIsFinishedFromTheOffsetThenTheNewFileIsReadFromZero() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "a\nb\n");
        TailPosition saved = readAndStop(log);
        append(log, "c\n");
        Files.move(log, dir.resolve("train.log.1"));
        append(dir.resolve("unrelated.txt"), "zzz\n");
        append(log, "d\ne\n");
        LogTailer t = LogTailer.builder(log).resumeFrom(saved).build(rec);
        t.pollOnce();
        assertThat(rec.lines).containsExactly("c", "d", "e");
        assertThat(t.position().get().identity()).isEqualTo(FileIdentity.of(log).orElseThrow());
    }

    @Test
    void rotatedWhileDownAndNoNewFileYetFinishesTheRotatedOneAndWaits() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "a\n");
        TailPosition saved = readAndStop(log);
        append(log, "b\n");
        Files.move(log, dir.resolve("train.log.1"));
        LogTailer t = LogTailer.builder(log).resumeFrom(saved).build(rec);
        t.pollOnce();
        assertThat(rec.lines).containsExactly("b");
        append(log, "c\n");
        t.pollOnce();
        assertThat(rec.lines).containsExactly("b", "c");
    }

    @Test
    void rotatedFileGoneReadsTheCurrentFileFromItsStart() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "a\n");
        TailPosition saved = readAndStop(log);
        // Keep the old inode alive outside the log's directory, so the new file cannot reuse its number
        // (inode reuse after delete+create while down is the known blind spot of device+inode identity).
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Files.createLink(elsewhere.resolve("kept"), log);
        Files.delete(log);
        append(log, "fresh\n");
        LogTailer t = LogTailer.builder(log).resumeFrom(saved).build(rec);
        t.pollOnce();
        assertThat(rec.lines).containsExactly("fresh");
    }

    @Test
    void fileTruncatedWhileDownBelowTheOffsetIsReadFromZero() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "a long first line\n");
        TailPosition saved = readAndStop(log);
        try (var ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        append(log, "new\n");
        LogTailer t = LogTailer.builder(log).resumeFrom(saved).build(rec);
        t.pollOnce();
        assertThat(rec.lines).containsExactly("new");
        assertThat(t.counters().truncations()).isEqualTo(1);
    }

    @Test
    void identityRoundTripsThroughItsTextForm() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "x\n");
        FileIdentity id = FileIdentity.of(log).orElseThrow();
        assertThat(FileIdentity.parse(id.toString())).isEqualTo(id);
        assertThat(id.inode()).isEqualTo(((Number) Files.getAttribute(log, "unix:ino")).longValue());
        assertThatThrownBy(() -> FileIdentity.parse("nocolon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fileKeyFallbackAgreesWithTheUnixView() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "x\n");
        assertThat(FileIdentity.fromFileKey(log)).isEqualTo(FileIdentity.of(log));
        assertThat(FileIdentity.fromKey(null)).isEqualTo(FileIdentity.UNKNOWN);
        assertThat(FileIdentity.of(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void identityIsTheUnixViewsDeviceAndInodeAcrossFilesAndRepeatedCalls() throws Exception {
        // Stored positions hold "device:inode" as the unix view gave them: the file-key path must agree exactly.
        Path a = dir.resolve("a.log");
        Path b = dir.resolve("b.log");
        append(a, "x\n");
        append(b, "y\n");
        for (Path p : List.of(a, b, a, a, b)) {
            assertThat(FileIdentity.of(p)).contains(new FileIdentity(
                    ((Number) Files.getAttribute(p, "unix:dev")).longValue(),
                    ((Number) Files.getAttribute(p, "unix:ino")).longValue()));
        }
        Files.move(b, a, StandardCopyOption.REPLACE_EXISTING);
        assertThat(FileIdentity.of(a).orElseThrow().inode())
                .isEqualTo(((Number) Files.getAttribute(a, "unix:ino")).longValue());
    }
}
