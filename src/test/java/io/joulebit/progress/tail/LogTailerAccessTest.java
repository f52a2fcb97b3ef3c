package io.joulebit.progress.tail;

import static io.joulebit.progress.tail.TailFixture.append;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicBoolean;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;

/** Permission denied is counted, logged once, and retried until the file becomes readable. */
class LogTailerAccessTest {
    @TempDir Path dir;
    private final TailFixture.Recorder rec = new TailFixture.Recorder();

    private static boolean chmodDeniesReading(Path file) {
        try {
            FileOpener.DEFAULT.open(file).close();
            return false; // running as root: mode 000 does not stop us
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void permissionDeniedIsCountedAndRetriedUntilReadable() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "a\n");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("---------"));
        AtomicBoolean deny = new AtomicBoolean(!chmodDeniesReading(log));
        FileOpener opener = path -> {
            if (deny.get()) throw new AccessDeniedException(path.toString());
            return FileOpener.DEFAULT.open(path);
        };
        LogTailer t = LogTailer.builder(log).opener(opener).build(rec);
        t.pollOnce();
        t.pollOnce();
        assertThat(rec.lines).isEmpty();
        assertThat(t.counters().readErrors(TailStats.PERMISSION_DENIED)).isEqualTo(2);
        assertThat(t.position()).isEmpty();

        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
        deny.set(false);
        t.pollOnce();
        assertThat(rec.lines).containsExactly("a");
        assertThat(t.counters().readErrors(TailStats.PERMISSION_DENIED)).isEqualTo(2);
    }

    @Test
    void repeatedDenialWarnsOnceAndRecoveryIsLoggedAtInfo() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "a\n");
        AtomicBoolean deny = new AtomicBoolean(true);
        LogTailer t = LogTailer.builder(log).opener(path -> {
            if (deny.get()) throw new AccessDeniedException(path.toString());
            return FileOpener.DEFAULT.open(path);
        }).build(rec);
        Logger logger = (Logger) LoggerFactory.getLogger(LogTailer.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            for (int i = 0; i < 3; i++) t.pollOnce();
            deny.set(false);
            t.pollOnce();
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1);
        assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.INFO)
                .extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.contains("readable again"));
        assertThat(t.counters().readErrors(TailStats.PERMISSION_DENIED)).isEqualTo(3);
        assertThat(rec.lines).containsExactly("a");
    }

    @Test
    void startAtEndSurvivesAnInitialPermissionError() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "old\n");
        AtomicBoolean deny = new AtomicBoolean(true);
        LogTailer t = LogTailer.builder(log).startAtEnd().opener(path -> {
            if (deny.get()) throw new AccessDeniedException(path.toString());
            return FileOpener.DEFAULT.open(path);
        }).build(rec);
        t.pollOnce();
        deny.set(false);
        t.pollOnce();
        append(log, "new\n");
        t.pollOnce();
        assertThat(rec.lines).containsExactly("new");
    }

    @Test
    void otherIoErrorsAreCountedAsIo() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "a\n");
        LogTailer t = LogTailer.builder(log).opener(path -> { throw new IOException("disk on fire"); }).build(rec);
        t.pollOnce();
        assertThat(t.counters().readErrors(TailStats.IO)).isEqualTo(1);
        assertThat(t.counters().readErrors(TailStats.PERMISSION_DENIED)).isZero();
    }
}
