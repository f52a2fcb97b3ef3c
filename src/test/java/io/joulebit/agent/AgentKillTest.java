package io.joulebit.agent;

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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sidecar as a child JVM, killed with SIGKILL again and again while its log grows: after a final clean run every
 * log line has been counted exactly once, no total went backwards, and the store is intact.
 */
class AgentKillTest {
    private static final String RUN = "kill-test";

    private static Process startAgent(Path dir, Path config) throws IOException {
        List<String> argv = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "io.joulebit.cli.Main", "run", "--config", config.toString(), "--run-id", RUN);
        return new ProcessBuilder(argv).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
    }

    /** Polls the agent's output for its ready line, with a deadline (JVM start time varies on a loaded machine). */
    private static void awaitReady(Path dir) throws Exception {
        Path out = dir.resolve("agent.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(Files.exists(out) && Files.readString(out).contains(" ready: "))) {
            assertThat(System.nanoTime()).as("agent ready within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static Optional<Checkpoint> latest(Path db) throws Exception {
        if (!Files.exists(db)) return Optional.empty();
        try (StoreReader r = StoreReader.open(db, ConnectionFactory.SQLITE_READ_ONLY)) {
            return r.latestCheckpoint(RUN);
        }
    }

    @Test
    void killMinusNineLosesNothingAndCountsNoLineTwice(@TempDir Path dir) throws Exception {
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
                progress: {log: {path: %s}}
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
                    w.flush();
                    written.set(i);
                    Thread.sleep(4);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "log-writer");
        writer.start();
        SplittableRandom random = new SplittableRandom(7);
        long lastSteps = 0;
        double lastEnergy = 0;
        for (int kill = 0; kill < 4; kill++) {
            Process agent = startAgent(dir, config);
            awaitReady(dir);
            Thread.sleep(200 + random.nextInt(1300)); // a random moment in the agent's working life
            agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Optional<Checkpoint> c = latest(db);
            assertThat(c).as("a checkpoint survives kill %d; agent output:%n%s", kill,
                    Files.exists(dir.resolve("agent.log")) ? Files.readString(dir.resolve("agent.log")) : "").isPresent();
            double energy = c.get().devices().values().stream().mapToDouble(d -> d.energyJoules()).sum();
            assertThat(c.get().steps()).isGreaterThanOrEqualTo(lastSteps);
            assertThat(energy).isGreaterThanOrEqualTo(lastEnergy);
            lastSteps = c.get().steps();
            lastEnergy = energy;
        }
        writing.set(false);
        writer.join();
        long total = written.get();
        Process agent = startAgent(dir, config);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (latest(db).map(Checkpoint::steps).orElse(0L) < total && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        agent.destroy(); // SIGTERM: flush and exit 0
        assertThat(agent.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.exitValue()).isZero();
        Checkpoint last = latest(db).orElseThrow();
        assertThat(last.steps()).as("every line counted exactly once").isEqualTo(total);
        assertThat(last.lastStep()).isEqualTo(total);
        assertThat(last.tokens()).hasValue(total * 1000);
        assertThat(last.devices().get("gpu0").uncoveredSeconds()).as("downtime is uncovered time").isPositive();
    }
}
