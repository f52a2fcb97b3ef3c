package io.joulebit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * kill -9 at random moments of a child JVM that checkpoints in a loop: after every kill the store opens, passes
 * PRAGMA integrity_check, and its latest checkpoint is at least the last one the child saw committed (a process
 * crash loses no commit under WAL) and at most the one it was writing; checkpoints never go backwards.
 */
class StoreKillTest {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final int KILLS = 5;

    @TempDir
    Path dir;

    @Test
    void killedAtRandomMomentsTheStoreStaysIntactAndLosesNoCommit() throws Exception {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        Path db = dir.resolve("data/joulebit.db");
        long previous = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            String context = "seed " + seed + ", kill " + kill;
            AtomicLong committed = new AtomicLong(-1);
            AtomicLong committedAtMillis = new AtomicLong();
            Path stderr = dir.resolve("child-" + kill + ".err");
            try (ChildJvm child = ChildJvm.start(CheckpointLoopMain.class, stderr, db.toString(), "run-1", "1")) {
                String ready = child.awaitLine(l -> l.startsWith("ready "), l -> { }, STARTUP);
                assertThat(Long.parseLong(ready.substring(6))).as(context).isEqualTo(previous);
                Consumer<String> record = line -> {
                    String[] parts = line.split(" ");
                    if (parts.length == 3 && parts[0].equals("committed")) { // a line cut by the kill proves nothing
                        committed.set(Long.parseLong(parts[1]));
                        committedAtMillis.set(Long.parseLong(parts[2]));
                    }
                };
                int waitFor = 1 + random.nextInt(40);
                for (int i = 0; i < waitFor; i++) child.awaitLine(l -> l.startsWith("committed "), record, STARTUP);
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(3000))); // land anywhere in a write
                child.kill();
                child.remainingLines().forEach(record);
            }
            assertThat(integrityCheck(db)).as(context).isEqualTo("ok");
            try (RunStore store = RunStore.open(StoreOptions.defaults(db))) {
                assertThat(store.health().up()).as(context).isTrue();
                Checkpoint latest = store.latestCheckpoint("run-1").orElseThrow();
                assertThat(latest.steps()).as(context + ": no commit lost, at most one in flight")
                        .isBetween(committed.get(), committed.get() + 1);
                assertThat(latest.wallTime()).as(context + ": recent")
                        .isAfterOrEqualTo(Instant.ofEpochMilli(committedAtMillis.get()));
                assertThat(latest.tail().orElseThrow().offset()).as(context)
                        .isEqualTo(latest.steps() * CheckpointLoopMain.TAIL_BYTES_PER_STEP);
                assertThat(latest.energyJoules()).as(context)
                        .isCloseTo(latest.steps() * CheckpointLoopMain.JOULES_PER_STEP * 1.1, within(1e-6)); // gpu + cpu/10
                List<Long> history = store.checkpoints("run-1").stream().map(Checkpoint::steps).toList();
                assertThat(history).as(context + ": monotonic").isSorted().doesNotHaveDuplicates();
                assertThat(store.steps("run-1").size()).as(context).isGreaterThanOrEqualTo((int) latest.steps());
                assertThat(latest.steps()).as(context).isGreaterThan(previous);
                previous = latest.steps();
            }
        }
    }

    private static String integrityCheck(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
