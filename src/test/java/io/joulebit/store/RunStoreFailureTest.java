package io.joulebit.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.joulebit.progress.StepEvent;
import io.joulebit.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

class RunStoreFailureTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private final StoreFixture fx = new StoreFixture();
    private final SwitchableConnections connections = new SwitchableConnections();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger storeLog = (Logger) LoggerFactory.getLogger(RunStore.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        storeLog.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() { storeLog.detachAppender(logs); }

    private StoreOptions options(String name) { return fx.options(dir.resolve(name)).withConnections(connections); }

    private List<Level> levels() { return logs.list.stream().map(ILoggingEvent::getLevel).toList(); }

    @Test
    void rowsAreBatchedIntoFewTransactions() throws Exception {
        try (RunStore store = RunStore.open(options("b.db").withQueue(1000, 100, Duration.ofHours(1)))) {
            int before = connections.commits.get();
            for (long n = 0; n < 250; n++) store.step("r1", StepEvent.train(n, 1.0), StoreFixture.T0);
            Await.until("two full batches", WAIT, () -> connections.commits.get() - before == 2);
            assertThat(store.steps("r1")).hasSize(200); // the last 50 wait for a full batch or the flush interval
            assertThat(store.flush(WAIT)).isTrue();
            assertThat(connections.commits.get() - before).isEqualTo(3);
            assertThat(store.steps("r1")).hasSize(250);
        }
    }

    @Test
    void aStoreThatCannotOpenKeepsAcceptingBoundedAndRecovers() throws Exception {
        connections.current.set(SwitchableConnections.REFUSING);
        try (RunStore store = RunStore.open(options("ro.db").withQueue(5, 100, Duration.ofMillis(10)))) {
            store.startRun(StoreFixture.run("r1"));
            for (long n = 1; n <= 8; n++) store.step("r1", StepEvent.train(n, 1.0), StoreFixture.T0);
            store.checkpoint(StoreFixture.checkpoint("r1", StoreFixture.T0, 7, 70));
            store.checkpoint(StoreFixture.checkpoint("r1", StoreFixture.T0.plusSeconds(1), 8, 80));
            Await.until("several failed attempts", WAIT, () -> connections.opens.get() >= 4);

            StoreHealth down = store.health();
            assertThat(down.up()).isFalse();
            assertThat(down.writeErrors()).isGreaterThanOrEqualTo(4);
            assertThat(down.droppedRows()).isEqualTo(3);
            assertThat(down.lastError()).contains("read-only directory");
            assertThat(store.flush(Duration.ofMillis(20))).isFalse();

            connections.current.set(ConnectionFactory.SQLITE);
            assertThat(store.flush(WAIT)).isTrue();
            assertThat(store.health().up()).isTrue();
            assertThat(store.loadRun("r1")).isPresent();
            assertThat(store.steps("r1")).extracting(StepRow::step).containsExactly(4L, 5L, 6L, 7L, 8L);
            assertThat(store.checkpoints("r1")).extracting(Checkpoint::steps).containsExactly(8L);
        }
        assertThat(levels().stream().filter(l -> l == Level.WARN)).hasSize(1);
        assertThat(levels()).containsSubsequence(Level.WARN, Level.INFO);
    }

    @Test
    void aReadOnlyDatabaseFailsWritesUntilItIsWritableAgain() throws Exception {
        StoreOptions rw = fx.options(dir.resolve("ro.db"));
        try (RunStore store = RunStore.open(rw)) {
            store.startRun(StoreFixture.run("r1"));
            assertThat(store.flush(WAIT)).isTrue();
        }
        connections.current.set(ConnectionFactory.SQLITE_READ_ONLY);
        try (RunStore store = RunStore.open(rw.withConnections(connections))) {
            assertThat(store.health().up()).isTrue(); // opening read-only works; writing does not
            store.checkpoint(StoreFixture.checkpoint("r1", StoreFixture.T0, 1, 10));
            Await.until("a failed write", WAIT, () -> store.health().writeErrors() >= 2);
            assertThat(store.health().up()).isFalse();
            assertThat(store.health().lastError()).containsIgnoringCase("readonly");
            assertThat(store.latestCheckpoint("r1")).isEmpty();

            connections.current.set(ConnectionFactory.SQLITE);
            assertThat(store.flush(WAIT)).isTrue();
            assertThat(store.latestCheckpoint("r1")).map(Checkpoint::steps).contains(1L);
            assertThat(store.health().up()).isTrue();
        }
        assertThat(levels().stream().filter(l -> l == Level.WARN)).hasSize(1);
    }

    @Test
    void closeDoesNotHangOnABrokenDiskAndSaysWhatWasLost() {
        connections.current.set(SwitchableConnections.REFUSING);
        RunStore store = RunStore.open(options("gone.db"));
        store.checkpoint(StoreFixture.checkpoint("r1", StoreFixture.T0, 1, 10));
        store.close();
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("1 unwritten items"));
    }

    @Test
    void writesNeverThrowToTheCaller() {
        connections.current.set(SwitchableConnections.REFUSING);
        try (RunStore store = RunStore.open(options("x.db").withQueue(2, 100, Duration.ofMillis(10)))) {
            for (long n = 0; n < 1000; n++) store.step("r1", StepEvent.train(n, 1.0), StoreFixture.T0);
            store.endRun("r1", StoreFixture.T0);
            assertThat(store.health().droppedRows()).isEqualTo(998);
            assertThat(store.health().up()).isFalse();
        }
    }

    @Test
    void aStoreLockedByAnotherProcessWaitsOutTheLockAndCatchesUp() throws Exception {
        StoreOptions o = fx.options(dir.resolve("locked.db"));
        StoreOptions shortBusy = new StoreOptions(o.path(), o.connections(), o.wall(), o.mono(), o.queueCapacity(),
                o.batchRows(), o.flushInterval(), o.backoffMin(), o.backoffMax(), o.closeTimeout(), Duration.ofMillis(20));
        try (RunStore store = RunStore.open(shortBusy);
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + o.path());
             Statement s = other.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            store.checkpoint(StoreFixture.checkpoint("r1", StoreFixture.T0, 1, 10));
            Await.until("a write refused by the lock", WAIT, () -> !store.health().up());
            assertThat(store.health().lastError()).containsIgnoringCase("lock");
            s.execute("COMMIT");
            assertThat(store.flush(WAIT)).isTrue();
            assertThat(store.latestCheckpoint("r1")).isPresent();
            assertThat(store.health().up()).isTrue();
        }
    }
}
