package io.joulebit.faults;

import io.joulebit.progress.tail.FileIdentity;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.ConnectionFactory;
import io.joulebit.store.StoreReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault 6: SIGTERM reaches the sidecar (a child JVM) at a random moment while its log is appended fast. It exits 0,
 * the store opens clean, the final checkpoint's step count equals the log lines before its saved position (exactly
 * what the agent had applied), and a restart continues from there counting every line exactly once.
 */
class SigtermMidWriteTest {
    private static final String RUN = "sigterm-test";

    private static Process start(Path dir, Path config, String out) throws IOException {
        List<String> argv = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "io.joulebit.cli.Main", "run", "--config", config.toString(), "--run-id", RUN);
        return new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(out).toFile()).start();
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Optional<Checkpoint> latest(Path db) throws Exception {
        if (!Files.exists(db)) return Optional.empty();
        try (StoreReader r = StoreReader.open(db, ConnectionFactory.SQLITE_READ_ONLY)) {
            return r.latestCheckpoint(RUN);
        }
    }

    private static long newlinesBefore(Path log, long offset) throws IOException {
        byte[] b = Files.readAllBytes(log);
        long n = 0;
        for (int i = 0; i < offset && i < b.length; i++) if (b[i] == '\n') n++;
        return n;
    }

    private static void stopCleanly(Process agent, Path out) throws Exception {
        agent.destroy(); // SIGTERM
        assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("stopped; output:%n%s", read(out)).isTrue();
        assertThat(agent.exitValue()).as("exit code; output:%n%s", read(out)).isZero();
        String text = read(out);
        assertThat(text).contains("run " + RUN + " stopped").doesNotContain(" ERROR ", "unwritten items");
    }

    @Test
    void sigtermMidWriteFlushesExactlyWhatWasApplied(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("train.jsonl");
        Path db = dir.resolve("store.db");
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, """
                sampling: {interval: 100ms}
                sources:
                  mode: explicit
                  simulated: {enabled: true, devices: [{name: gpu0, kind: gpu, watts: 300}]}
                  estimate: {enabled: false}
                  rapl: {enabled: false}
                  nvml: {enabled: false}
                  nvidia_smi: {enabled: false}
                  oshi: {enabled: false}
                progress: {log: {path: %s, format: jsonl}}
                export: {listen: "127.0.0.1:0"}
                store: {path: %s, checkpoint_interval: 200ms}
                """.formatted(log, db));
        AtomicLong written = new AtomicLong();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            try (Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                while (writing.get()) {
                    long i = written.get() + 1;
                    w.write("{\"step\": " + i + ", \"loss\": " + (10.0 / Math.sqrt(i)) + ", \"tokens\": " + i * 1000 + "}\n");
                    if (i % 3 == 0) w.flush(); // sometimes the agent sees half a line
                    written.set(i);
                    if (i % 4 == 0) Thread.sleep(1);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "log-writer");
        writer.start();
        try {
            Path out1 = dir.resolve("agent-1.out");
            Process agent = start(dir, config, "agent-1.out");
            Await.until("agent ready", () -> read(out1).contains(" ready: "), () -> read(out1));
            Await.until("lines applied and checkpointed", () -> {
                try {
                    return latest(db).map(c -> c.steps() > 100).orElse(false);
                } catch (Exception e) {
                    return false;
                }
            }, () -> read(out1));
            Thread.sleep(new SplittableRandom().nextInt(700)); // a random moment, not a condition
            stopCleanly(agent, out1);

            assertThat(integrityCheck(db)).as("the store opens clean").isEqualTo("ok");
            Checkpoint last = latest(db).orElseThrow();
            assertThat(last.tail()).as("the final checkpoint carries the log position").isPresent();
            assertThat(last.tail().get().identity()).isEqualTo(FileIdentity.of(log).orElseThrow());
            assertThat(last.steps()).as("steps = the lines before the saved position")
                    .isEqualTo(newlinesBefore(log, last.tail().get().offset()));
            assertThat(last.lastStep()).isEqualTo(last.steps());
            assertThat(last.tokens()).hasValue(last.steps() * 1000);
            assertThat(last.steps()).as("stopped mid-write").isLessThan(written.get() + 1);
        } finally {
            writing.set(false);
            writer.join(10_000);
        }
        long total = written.get();

        Path out2 = dir.resolve("agent-2.out");
        Process again = start(dir, config, "agent-2.out");
        Await.until("the restart reads every remaining line", () -> {
            try {
                return latest(db).map(c -> c.steps() >= total).orElse(false);
            } catch (Exception e) {
                return false;
            }
        }, () -> read(out2));
        stopCleanly(again, out2);
        Checkpoint fin = latest(db).orElseThrow();
        assertThat(fin.steps()).as("every line counted exactly once across the restart").isEqualTo(total);
        assertThat(fin.lastStep()).isEqualTo(total);
        assertThat(fin.tokens()).hasValue(total * 1000);
        assertThat(fin.tail().get().offset()).isEqualTo(Files.size(log));
        assertThat(integrityCheck(db)).isEqualTo("ok");
    }

    private static String integrityCheck(Path db) throws Exception {
        try (Connection c = ConnectionFactory.SQLITE_READ_ONLY.open(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            return rs.next() ? rs.getString(1) : "no result";
        }
    }
}
