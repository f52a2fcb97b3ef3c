package io.joulebit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import static org.assertj.core.api.Assertions.assertThat;

class RunsCommandTest {
    private static final Instant T0 = Instant.parse("2026-11-22T08:15:00Z");

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.execute(new RunsCommand(), new PrintWriter(out), new PrintWriter(err), args);
    }

    private Path storeWithTwoRuns() {
        Path db = dir.resolve("data/joulebit.db");
        try (RunStore store = RunStore.open(StoreOptions.defaults(db))) {
            store.startRun(RunRecord.started("20261122T081500Z-3f9a", T0, "", Map.of("team", "lm"), OptionalLong.empty()));
            store.endRun("20261122T081500Z-3f9a", T0.plusSeconds(3600));
            store.startRun(RunRecord.started("20261122T091500Z-0001", T0.plusSeconds(3600), "", Map.of(),
                    OptionalLong.empty()));
            Map<String, DeviceTotals> devices = Map.of(
                    "gpu0", new DeviceTotals("gpu0", "gpu", "nvml", "counter", 9_000, 0),
                    "cpu", new DeviceTotals("cpu", "cpu", "estimate", "estimated", 1_000, 0));
            store.checkpoint(new Checkpoint("20261122T081500Z-3f9a", T0.plusSeconds(3599), 1200, 1199,
                    OptionalLong.of(2_457_600), devices, 3.1, 15.6, "uniform", 0, Optional.empty(), Map.of()));
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
        }
        return db;
    }

    @Test
    void textListsEveryRunWithItsTotalsAndQualityMix() {
        Path db = storeWithTwoRuns();
        assertThat(run("--store", db.toString())).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("RUN").contains("ORIGIN", "STARTED", "ENDED", "STEPS", "TOKENS", "ENERGY_J", "QUALITY");
        assertThat(lines[1].split("\\s{2,}")).containsExactly("20261122T081500Z-3f9a", "live", "2026-11-22T08:15:00Z",
                "2026-11-22T09:15:00Z", "1200", "2457600", "10000.0", "counter 90%, estimated 10%");
        assertThat(lines[2].split("\\s{2,}")).containsExactly("20261122T091500Z-0001", "live", "2026-11-22T09:15:00Z",
                "-", "-", "-", "-", "-");
        assertThat(lines[1].indexOf("2026-11-22T08")).isEqualTo(lines[0].indexOf("STARTED")); // aligned columns
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonKeepsAbsentTotalsNull() throws Exception {
        Path db = storeWithTwoRuns();
        assertThat(run("--store", db.toString(), "--format", "json")).isZero();
        JsonNode runs = new ObjectMapper().readTree(out.toString());
        assertThat(runs).hasSize(2);
        JsonNode first = runs.get(0);
        assertThat(first.get("id").asText()).isEqualTo("20261122T081500Z-3f9a");
        assertThat(first.get("steps").asLong()).isEqualTo(1200);
        assertThat(first.get("tokens").asLong()).isEqualTo(2_457_600);
        assertThat(first.get("energy_joules").asDouble()).isEqualTo(10_000.0);
        assertThat(first.get("energy_joules_by_quality").get("estimated").asDouble()).isEqualTo(1_000.0);
        assertThat(first.get("labels").get("team").asText()).isEqualTo("lm");
        JsonNode second = runs.get(1);
        assertThat(second.get("ended").isNull()).isTrue();
        assertThat(second.get("energy_joules").isNull()).isTrue();
        assertThat(second.get("steps").isNull()).isTrue();
    }

    @Test
    void anEmptyStoreSaysSo() {
        Path db = dir.resolve("empty.db");
        RunStore.open(StoreOptions.defaults(db)).close();
        assertThat(run("--store", db.toString())).isZero();
        assertThat(out.toString()).contains("(no runs stored)");
        out.getBuffer().setLength(0);
        assertThat(run("--store", db.toString(), "--format", "json")).isZero();
        assertThat(out.toString().strip()).isEqualTo("[ ]");
    }

    @Test
    void aMissingStoreIsAnErrorThatNamesThePathAndCreatesNothing() {
        Path db = dir.resolve("nowhere/joulebit.db");
        assertThat(run("--store", db.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(db.toString()).contains("no store");
        assertThat(Files.exists(db.getParent())).isFalse();
    }

    @Test
    void aFileThatIsNotAStoreIsReportedNotCrashedOn() throws Exception {
        Path db = dir.resolve("notes.txt");
        Files.writeString(db, "not a database".repeat(100));
        assertThat(run("--store", db.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(db.toString());
        assertThat(Files.readString(db)).startsWith("not a database"); // read-only: never moved aside or rewritten
    }

    @Test
    void unknownFormatIsAUsageError() {
        assertThat(run("--format", "xml")).isEqualTo(2);
        assertThat(err.toString()).contains("--format");
    }

    @Test
    void defaultStorePathIsTheDocumentedOne() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("(default: " + Path.of("joulebit-data", "joulebit.db") + ")");
    }
}
