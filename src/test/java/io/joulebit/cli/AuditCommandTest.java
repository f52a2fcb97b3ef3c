package io.joulebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.progress.StepEvent;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.DeviceTotals;
import io.joulebit.store.RunRecord;
import io.joulebit.store.RunStore;
import io.joulebit.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

class AuditCommandTest {
    private static final Instant T0 = Instant.parse("2026-11-22T08:15:00Z");

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.execute(new AuditCommand(), new PrintWriter(out), new PrintWriter(err), args);
    }

    /** A store with {@code runs} runs (ids run-00, run-01, ...), the first with a few steps and checkpoints. */
    private Path store(int runs) {
        Path db = dir.resolve("data/joulebit.db");
        try (RunStore store = RunStore.open(StoreOptions.defaults(db))) {
            for (int i = 0; i < runs; i++) {
                store.startRun(RunRecord.started(String.format("run-%02d", i), T0.plusSeconds(i), "", Map.of(),
                        OptionalLong.of(1_000_000)));
            }
            for (int s = 1; s <= 20; s++) {
                store.power("run-00", PowerSample.of("gpu0", DeviceKind.GPU, "nvml", 0, 300), T0.plusSeconds(s));
                store.step("run-00", StepEvent.train(s, 8.0 / Math.sqrt(s)).withTokens(s * 1000L), T0.plusSeconds(s));
            }
            store.checkpoint(new Checkpoint("run-00", T0.plusSeconds(20), 20, 20, OptionalLong.of(20_000),
                    Map.of("gpu0", new DeviceTotals("gpu0", "gpu", "nvml", "counter", 6000, 0)), 3.0, 11.5,
                    "initial-loss", 1, Optional.empty(), Map.of("pue", 1.0)));
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
        }
        return db;
    }

    @Test
    void writesTheThreeReportsIntoANewDirectory() {
        Path db = store(1);
        Path outDir = dir.resolve("reports/nested/run-00");
        int code = run("--run", "run-00", "--store", db.toString(), "--out", outDir.toString(), "--target-loss",
                "2.5", "--grid-intensity", "350", "--price", "0.25");
        assertThat(code).as(err.toString()).isZero();
        assertThat(outDir.resolve("report.html")).isRegularFile();
        assertThat(outDir.resolve("report.md")).isRegularFile();
        assertThat(outDir.resolve("report.json")).isRegularFile();
        assertThat(out.toString()).contains("report.html");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aRunWithNothingRecordedStillGetsReportsWithReasons() throws Exception {
        Path db = store(2);
        Path outDir = dir.resolve("empty");
        assertThat(run("--run", "run-01", "--store", db.toString(), "--out", outDir.toString(), "--target-loss", "3"))
                .as(err.toString()).isZero();
        var json = new ObjectMapper().readTree(outDir.resolve("report.json").toFile());
        assertThat(json.at("/figures/energy_joules/value").isNull()).isTrue();
        assertThat(json.at("/figures/energy_joules/reason").asText()).isEqualTo("no_energy");
        assertThat(json.at("/figures/energy_per_bit_joules/reason").asText()).isNotBlank();
        assertThat(json.at("/forecast/refusals/0/code").asText()).isEqualTo("too_few_points");
        assertThat(json.at("/notes/0").asText()).contains("no checkpoint");
        assertThat(Files.readString(outDir.resolve("report.html"))).contains("no data");
    }

    @Test
    void unknownRunExitsTwoNamingItAndListingKnownOnes() {
        Path db = store(12);
        int code = run("--run", "nope", "--store", db.toString(), "--out", dir.resolve("o").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("'nope'", "run-11", "run-02", "(and 2 more)").doesNotContain("run-01,");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void missingStoreExitsOneWithThePath() {
        Path missing = dir.resolve("nowhere/joulebit.db");
        int code = run("--run", "r", "--store", missing.toString(), "--out", dir.resolve("o").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains(missing.toString());
        assertThat(missing).doesNotExist(); // a read never creates a store
    }

    @Test
    void unreadableStoreExitsOne() throws Exception {
        Path bad = dir.resolve("bad.db");
        Files.writeString(bad, "this is not a database, just text that is long enough to not be a header at all");
        int code = run("--run", "r", "--store", bad.toString(), "--out", dir.resolve("o").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains(bad.toString());
    }

    @Test
    void badNumbersExitTwoWithOneLinePerProblem() {
        Path db = store(1);
        int code = run("--run", "run-00", "--store", db.toString(), "--out", dir.resolve("o").toString(),
                "--target-loss", "0", "--grid-intensity", "-5", "--price", "cheap");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(3);
        assertThat(err.toString()).contains("--target-loss", "--grid-intensity", "--price");
    }

    @Test
    void missingRequiredOptionsAreUsageErrors() {
        assertThat(run("--out", dir.toString())).isEqualTo(2);
        assertThat(run("--run", "x")).isEqualTo(2);
    }

    @Test
    void helpDocumentsTheUnits() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--target-loss", "BITS per token", "gCO2e/kWh", "per kWh",
                "joulebit-data", "Exit codes");
    }
}
