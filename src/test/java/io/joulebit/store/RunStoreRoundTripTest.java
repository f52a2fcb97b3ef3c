package io.joulebit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

class RunStoreRoundTripTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private final StoreFixture fx = new StoreFixture();

    @Test
    void createsParentDirsSchemaAndWalMode() throws Exception {
        Path db = dir.resolve("a/b/joulebit.db");
        try (RunStore store = RunStore.open(fx.options(db))) {
            assertThat(store.health().up()).isTrue();
        }
        assertThat(db).isRegularFile();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            assertThat(StoreSchema.version(c)).isEqualTo(StoreSchema.VERSION).isPositive();
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
        }
    }

    @Test
    void theWriterKeepsASmallPageCache() throws Exception {
        try (Connection c = new StoreOpener(fx.options(dir.resolve("cache.db"))).open();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA cache_size")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(-StoreOpener.WRITER_CACHE_KIB).isNotEqualTo(-2000);
        }
    }

    @Test
    void reopeningMigratesNothingTwiceAndKeepsData() throws Exception {
        Path db = dir.resolve("j.db");
        try (RunStore store = RunStore.open(fx.options(db))) {
            store.startRun(StoreFixture.run("r1"));
            assertThat(store.flush(WAIT)).isTrue();
        }
        try (RunStore store = RunStore.open(fx.options(db))) {
            assertThat(store.loadRun("r1")).contains(StoreFixture.run("r1"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(StoreSchema.VERSION);
        }
    }

    @Test
    void aStoreFromANewerJoulebitIsNotWrittenTo() throws Exception {
        Path db = dir.resolve("newer.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            s.execute("INSERT INTO schema_version VALUES (" + (StoreSchema.VERSION + 1) + ")");
        }
        try (RunStore store = RunStore.open(fx.options(db))) {
            assertThat(store.health().up()).isFalse();
            assertThat(store.health().lastError()).contains("newer than this joulebit");
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("corrupt"));
    }

    @Test
    void runResumeKeepsFirstStartAndEndIsRecorded() throws Exception {
        try (RunStore store = RunStore.open(fx.options(dir.resolve("r.db")))) {
            store.startRun(StoreFixture.run("r1"));
            Instant later = StoreFixture.T0.plusSeconds(3600);
            store.startRun(RunRecord.started("r1", later, "changed: yes\n", Map.of(), OptionalLong.empty()));
            store.endRun("r1", later.plusSeconds(60));
            assertThat(store.flush(WAIT)).isTrue();
            RunRecord r = store.loadRun("r1").orElseThrow();
            assertThat(r.created()).isEqualTo(StoreFixture.T0);
            assertThat(r.started()).contains(StoreFixture.T0);
            assertThat(r.ended()).contains(later.plusSeconds(60));
            assertThat(r.configYaml()).isEqualTo("changed: yes\n");
            assertThat(r.parameterCount()).isEmpty();
            assertThat(store.loadRun("missing")).isEmpty();
        }
    }

    @Test
    void checkpointsRoundTripWithAbsentFiguresAndTail() throws Exception {
        try (RunStore store = RunStore.open(fx.options(dir.resolve("c.db")))) {
            Checkpoint first = StoreFixture.checkpoint("r1", StoreFixture.T0.plusSeconds(10), 100, 5_000);
            Checkpoint bare = new Checkpoint("r1", StoreFixture.T0.plusSeconds(20), 0, -1, OptionalLong.empty(),
                    Map.of(), Double.NaN, Double.NaN, "", 0, Optional.empty(), Map.of("nan_figure", Double.NaN));
            store.checkpoint(first);
            assertThat(store.flush(WAIT)).isTrue();
            store.checkpoint(bare);
            assertThat(store.flush(WAIT)).isTrue();

            assertThat(store.checkpoints("r1")).containsExactly(first, bare);
            assertThat(store.latestCheckpoint("r1")).contains(bare);
            assertThat(store.latestCheckpoint("other")).isEmpty();
            assertThat(first.energyJoules()).isEqualTo(5_500.0);
        }
    }

    @Test
    void journalsRoundTripAndListRunsCarriesLatestTotals() throws Exception {
        try (RunStore store = RunStore.open(fx.options(dir.resolve("l.db")))) {
            store.startRun(StoreFixture.run("r1"));
            store.startRun(RunRecord.started("r2", StoreFixture.T0.plusSeconds(1), "", Map.of(), OptionalLong.empty()));
            Instant t = StoreFixture.T0.plusMillis(1500);
            store.power("r1", PowerSample.of("gpu0", DeviceKind.GPU, "nvml", 0, 250.5).withEnergyJoules(1e6)
                    .withCelsius(61), t);
            store.power("r1", PowerSample.of("cpu", DeviceKind.CPU, "estimate", 0, Double.NaN), t);
            StepEvent e = StepEvent.train(7, 3.2).withTokens(14_336).withLearningRate(3e-4).withBatchSequences(8);
            store.step("r1", e, t);
            store.step("r1", StepEvent.train(8, Double.NaN).withPhase(Phase.EVAL), t.plusSeconds(1));
            store.checkpoint(StoreFixture.checkpoint("r1", t, 7, 1_000));
            store.checkpoint(StoreFixture.checkpoint("r1", t.plusSeconds(1), 8, 2_000));
            assertThat(store.flush(WAIT)).isTrue();

            List<PowerRow> power = store.powerJournal("r1");
            assertThat(power).containsExactlyInAnyOrder(
                    new PowerRow("r1", "gpu0", "gpu", "nvml", t, 250.5, OptionalDouble.of(1e6), OptionalDouble.of(61),
                            OptionalDouble.empty()),
                    new PowerRow("r1", "cpu", "cpu", "estimate", t, Double.NaN, OptionalDouble.empty(),
                            OptionalDouble.empty(), OptionalDouble.empty()));
            assertThat(store.steps("r1")).containsExactly(StepRow.of("r1", e, t),
                    new StepRow("r1", 8, Phase.EVAL, OptionalDouble.empty(), OptionalLong.empty(),
                            OptionalDouble.empty(), OptionalLong.empty(), t.plusSeconds(1)));

            List<RunSummary> runs = store.listRuns();
            assertThat(runs).extracting(r -> r.run().id()).containsExactly("r1", "r2");
            assertThat(runs.get(0).last().orElseThrow().steps()).isEqualTo(8);
            assertThat(runs.get(0).energyJoules()).isEqualTo(2_200.0);
            assertThat(runs.get(0).energyByQuality()).containsExactly(Map.entry("counter", 2_200.0));
            assertThat(runs.get(1).last()).isEmpty();
            assertThat(runs.get(1).energyJoules()).isNaN();
        }
    }

    @Test
    void aReReadLogLineDoesNotDuplicateItsStep() throws Exception {
        try (RunStore store = RunStore.open(fx.options(dir.resolve("s.db")))) {
            store.step("r1", StepEvent.train(5, 2.0), StoreFixture.T0);
            store.step("r1", StepEvent.train(5, 2.0), StoreFixture.T0.plusSeconds(9));
            assertThat(store.flush(WAIT)).isTrue();
            assertThat(store.steps("r1")).singleElement().extracting(StepRow::wallTime)
                    .isEqualTo(StoreFixture.T0.plusSeconds(9));
        }
    }

    @Test
    void monotonicTimestampsBecomeWallTimesFromTheOpeningAnchor() throws Exception {
        try (RunStore store = RunStore.open(fx.options(dir.resolve("w.db")))) {
            long openedMono = fx.mono.nanoTime();
            fx.now.set(StoreFixture.T0.plusSeconds(3600)); // a later wall-clock step must not move stored samples
            store.step("r1", StepEvent.train(1, 2.0).withMonoNanos(openedMono + 2_500_000_000L));
            assertThat(store.flush(WAIT)).isTrue();
            assertThat(store.steps("r1").get(0).wallTime()).isEqualTo(StoreFixture.T0.plusMillis(2500));
        }
    }

    @Test
    void aCheckpointKeysDevicesByTheirOwnName() {
        DeviceTotals gpu = new DeviceTotals("gpu0", "gpu", "nvml", "counter", 1, 0);
        Assertions.assertThatIllegalArgumentException().isThrownBy(() -> new Checkpoint("r1",
                StoreFixture.T0, 0, 0, OptionalLong.empty(), Map.of("gpu1", gpu), Double.NaN, Double.NaN, "", 0,
                Optional.empty(), Map.of())).withMessageContaining("gpu1");
    }
}
