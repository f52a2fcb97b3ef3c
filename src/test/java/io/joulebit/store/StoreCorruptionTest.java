package io.joulebit.store;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class StoreCorruptionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private final StoreFixture fx = new StoreFixture();

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void assertFreshStoreWorks(Path db) throws Exception {
        try (RunStore store = RunStore.open(fx.options(db))) {
            assertThat(store.health().up()).isTrue();
            assertThat(store.listRuns()).isEmpty();
            store.startRun(StoreFixture.run("r1"));
            store.checkpoint(StoreFixture.checkpoint("r1", StoreFixture.T0, 3, 30));
            assertThat(store.flush(WAIT)).isTrue();
            assertThat(store.latestCheckpoint("r1")).map(Checkpoint::steps).contains(3L);
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsMovedAsideLoudlyAndAFreshStoreStarts() throws Exception {
        Path db = dir.resolve("joulebit.db");
        byte[] garbage = "this is not an SQLite file, just a log someone wrote here\n".repeat(200)
                .getBytes(StandardCharsets.UTF_8);
        Files.write(db, garbage);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger opener = (Logger) LoggerFactory.getLogger(StoreOpener.class);
        logs.start();
        opener.addAppender(logs);
        try {
            assertFreshStoreWorks(db);
        } finally {
            opener.detachAppender(logs);
        }
        Path aside = dir.resolve("joulebit.db.corrupt-20261122T081500Z");
        assertThat(aside).hasBinaryContent(garbage);
        assertThat(logs.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getFormattedMessage()).contains("corrupt").contains(aside.toString());
        });
    }

    @Test
    void damagedPagesAreCaughtByTheIntegrityCheck() throws Exception {
        Path db = dir.resolve("joulebit.db");
        try (RunStore store = RunStore.open(fx.options(db))) {
            store.startRun(StoreFixture.run("old"));
            for (int i = 0; i < 200; i++) store.checkpoint(StoreFixture.checkpoint("old", StoreFixture.T0, i, i));
            assertThat(store.flush(WAIT)).isTrue();
        }
        long size = Files.size(db);
        assertThat(size).isGreaterThan(4096 * 4);
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) { // scribble over pages 2.. (keep header)
            f.seek(4096);
            f.write(new byte[(int) size - 4096 - 4096]);
            f.seek(4096 + 100);
            f.write("garbage in the b-tree".repeat(100).getBytes(StandardCharsets.UTF_8));
        }

        assertFreshStoreWorks(db);
        assertThat(names()).contains("joulebit.db", "joulebit.db.corrupt-20261122T081500Z");
        assertThat(Files.size(dir.resolve("joulebit.db.corrupt-20261122T081500Z"))).isEqualTo(size);
    }

    @Test
    void aSecondCorruptionOnTheSameSecondGetsItsOwnName() throws Exception {
        Path db = dir.resolve("joulebit.db");
        Files.writeString(db, "first bad file".repeat(100));
        RunStore.open(fx.options(db)).close();
        Files.delete(db);
        Files.writeString(db, "second bad file".repeat(100));
        RunStore.open(fx.options(db)).close();
        assertThat(names()).contains("joulebit.db.corrupt-20261122T081500Z", "joulebit.db.corrupt-20261122T081500Z-1");
        assertThat(Files.readString(dir.resolve("joulebit.db.corrupt-20261122T081500Z-1"))).startsWith("second");
    }
}
