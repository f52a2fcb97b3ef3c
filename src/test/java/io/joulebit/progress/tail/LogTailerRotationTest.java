package io.joulebit.progress.tail;

import static io.joulebit.progress.tail.TailFixture.append;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;

/** google/mtail's checklist: everything real log files do to a follower. */
class LogTailerRotationTest {
    @TempDir Path dir;
    private final TailFixture.Recorder rec = new TailFixture.Recorder();

    private static void write(OutputStream out, String s) throws Exception {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void renameAndCreateFinishesTheOldFileIncludingLateWritesThenReadsTheNewOne() throws Exception {
        Path log = dir.resolve("train.log");
        LogTailer t = LogTailer.builder(log).build(rec);
        try (OutputStream writer = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            write(writer, "a\nb\n");
            t.pollOnce();
            Files.move(log, dir.resolve("train.log.1"));
            write(writer, "c\n"); // the writer still holds the renamed file
        }
        append(log, "d\n");
        t.pollOnce();
        assertThat(rec.lines).containsExactly("a", "b", "c", "d");
        assertThat(t.counters().rotations()).isEqualTo(1);
        assertThat(t.position().get().identity()).isEqualTo(FileIdentity.of(log).orElseThrow());
        assertThat(t.position().get().offset()).isEqualTo(2);
    }

    @Test
    void renameSeenBeforeTheNewFileExistsKeepsReadingTheOldOneAndWaits() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "a\n");
        LogTailer t = LogTailer.builder(log).build(rec);
        t.pollOnce();
        Files.move(log, dir.resolve("train.log.1"));
        append(dir.resolve("train.log.1"), "b\n");
        t.pollOnce();
        assertThat(rec.lines).containsExactly("a", "b");
        append(log, "c\n");
        t.pollOnce();
        assertThat(rec.lines).containsExactly("a", "b", "c");
        assertThat(t.counters().rotations()).isEqualTo(1);
    }

    @Test
    void partialLastLineIsFlushedWhenTheFileRotatesAway() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "a\nunfinished");
        LogTailer t = LogTailer.builder(log).build(rec);
        t.pollOnce();
        assertThat(rec.lines).containsExactly("a");
        Files.move(log, dir.resolve("train.log.1"));
        append(log, "new\n");
        t.pollOnce();
        assertThat(rec.lines).containsExactly("a", "unfinished", "new");
    }

    @Test
    void copytruncateStartsOverAtZero() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "line one\nline two\n");
        LogTailer t = LogTailer.builder(log).build(rec);
        t.pollOnce();
        FileIdentity before = FileIdentity.of(log).orElseThrow();
        Files.copy(log, dir.resolve("train.log.1"));
        try (var ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        append(log, "three\n");
        t.pollOnce();
        assertThat(rec.lines).containsExactly("line one", "line two", "three");
        assertThat(t.counters().truncations()).isEqualTo(1);
        assertThat(t.counters().rotations()).isZero();
        assertThat(t.position().get()).isEqualTo(new TailPosition(before, 6));
    }

    @Test
    void deletedFileIsWaitedForAndReadWhenItReappears() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "a\n");
        LogTailer t = LogTailer.builder(log).build(rec);
        t.pollOnce();
        Files.delete(log);
        t.pollOnce();
        t.pollOnce();
        assertThat(rec.lines).containsExactly("a");
        append(log, "b\n");
        t.pollOnce();
        assertThat(rec.lines).containsExactly("a", "b");
        assertThat(t.counters().rotations()).isEqualTo(1);
        assertThat(t.counters().readErrors()).isEmpty();
    }

    @Test
    void fileThatDoesNotExistYetIsReadFromItsStartOnceCreated() throws Exception {
        Path log = dir.resolve("later.log");
        LogTailer t = LogTailer.builder(log).build(rec);
        t.pollOnce();
        t.pollOnce();
        assertThat(t.position()).isEmpty();
        assertThat(rec.caughtUp.get()).isZero();
        append(log, "x\ny\n");
        t.pollOnce();
        assertThat(rec.lines).containsExactly("x", "y");
        assertThat(t.counters().readErrors()).isEmpty();
    }

    @Test
    void symlinkSwappedToANewTargetFinishesTheOldTargetThenFollowsTheNewOne() throws Exception {
        Path first = dir.resolve("run-1.log");
        Path second = dir.resolve("run-2.log");
        Path link = dir.resolve("current.log");
        append(first, "r1 a\n");
        Files.createSymbolicLink(link, first);
        LogTailer t = LogTailer.builder(link).build(rec);
        t.pollOnce();
        append(second, "r2 a\n");
        Path tmp = dir.resolve("current.log.tmp");
        Files.createSymbolicLink(tmp, second);
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        append(first, "r1 b\n"); // late write to the old target
        t.pollOnce();
        assertThat(rec.lines).containsExactly("r1 a", "r1 b", "r2 a");
        assertThat(t.counters().rotations()).isEqualTo(1);
        assertThat(t.position().get().identity()).isEqualTo(FileIdentity.of(second).orElseThrow());
    }

    @Test
    void danglingSymlinkIsWaitedOn() throws Exception {
        Path target = dir.resolve("target.log");
        Path link = dir.resolve("current.log");
        Files.createSymbolicLink(link, target);
        LogTailer t = LogTailer.builder(link).build(rec);
        t.pollOnce();
        append(target, "hello\n");
        t.pollOnce();
        assertThat(rec.lines).containsExactly("hello");
    }

    @Test
    void rotatedTwiceBetweenTwoPollsTheMiddleFilesTailIsReadToo() throws Exception {
        Path log = dir.resolve("train.log");
        append(dir.resolve("train.log.3"), "old rotation, read long ago\n");
        Files.setLastModifiedTime(dir.resolve("train.log.3"),
                FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        LogTailer t = LogTailer.builder(log).build(rec);
        try (OutputStream a = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            write(a, "a1\na2\n");
            t.pollOnce();
            write(a, "a3\n"); // lines keep coming to A...
            Files.move(log, dir.resolve("train.log.1")); // first rotation: A -> .1, B at the path
            write(a, "a4\n"); // ...and the writer still holds A for a moment
        }
        try (OutputStream b = Files.newOutputStream(log, StandardOpenOption.CREATE_NEW, StandardOpenOption.APPEND)) {
            write(b, "b1\nb2\n");
            Files.move(dir.resolve("train.log.1"), dir.resolve("train.log.2")); // second rotation, same poll
            Files.move(log, dir.resolve("train.log.1"));
            write(b, "b3\n");
        }
        append(log, "c1\n");
        t.pollOnce();
        append(log, "c2\n");
        t.pollOnce();
        assertThat(rec.lines).as("every line once, in order; the old rotation is not read")
                .containsExactly("a1", "a2", "a3", "a4", "b1", "b2", "b3", "c1", "c2");
        assertThat(t.counters().rotations()).isEqualTo(2);
        assertThat(t.position().get().identity()).isEqualTo(FileIdentity.of(log).orElseThrow());
    }

    @Test
    void aSingleRotationDoesNotReReadTheFileBeforeIt() throws Exception {
        Path log = dir.resolve("train.log");
        LogTailer t = LogTailer.builder(log).build(rec);
        append(log, "a\n");
        t.pollOnce();
        Files.move(log, dir.resolve("train.log.1"));
        append(log, "b\n");
        t.pollOnce();
        Files.move(dir.resolve("train.log.1"), dir.resolve("train.log.2"));
        Files.move(log, dir.resolve("train.log.1"));
        append(log, "c\n");
        t.pollOnce();
        assertThat(rec.lines).containsExactly("a", "b", "c");
        assertThat(t.counters().rotations()).isEqualTo(2);
    }
}
