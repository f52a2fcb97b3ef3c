package io.joulebit.agent;

import io.joulebit.testing.ChildJava;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.ConnectionFactory;
import io.joulebit.store.StoreReader;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** `joulebit run` as a child JVM on the test classpath, its config, its growing log and its store, for crash tests. */
public final class ChildSidecar {
    private ChildSidecar() {}

    /** A sidecar config: one simulated GPU only, the jsonl log, the store checkpointing every 200 ms, port 0. */
    public static Path writeConfig(Path dir, Path log, Path db) throws IOException {
        return Files.writeString(dir.resolve("agent.yaml"), """
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
    }

    /** Starts the sidecar; stdout and stderr go to {@code out}. */
    public static Process start(Path dir, Path config, String runId, Path out) throws IOException {
        List<String> argv = ChildJava.command("-Xmx256m");
        argv.addAll(List.of("io.joulebit.cli.Main", "run", "--config", config.toString(), "--run-id", runId));
        return new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
    }

    public static Optional<Checkpoint> latest(Path db, String runId) throws Exception {
        if (!Files.exists(db)) return Optional.empty();
        try (StoreReader r = StoreReader.open(db, ConnectionFactory.SQLITE_READ_ONLY)) {
            return r.latestCheckpoint(runId);
        }
    }

    public static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Appends `{"step": i, "loss": …, "tokens": i*1000}` lines on its own thread until stopped. */
    public static final class GrowingLog implements AutoCloseable {
        private final AtomicLong written = new AtomicLong();
        private final AtomicBoolean writing = new AtomicBoolean(true);
        private final Thread thread;

        /** @param flushEvery flush after every this many lines (&gt; 1: the reader sometimes sees half a line) */
        public GrowingLog(Path log, int flushEvery, int pauseEvery) {
            thread = new Thread(() -> {
                try (Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
                    while (writing.get()) {
                        long i = written.get() + 1;
                        w.write("{\"step\": " + i + ", \"loss\": " + (10.0 / Math.sqrt(i)) + ", \"tokens\": "
                                + i * 1000 + "}\n");
                        if (i % flushEvery == 0) w.flush();
                        written.set(i);
                        if (i % pauseEvery == 0) Thread.sleep(1);
                    }
                    w.flush();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, "log-writer");
            thread.start();
        }

        /** Lines fully written (and flushed once the log is closed). */
        public long written() { return written.get(); }

        @Override
        public void close() throws InterruptedException {
            writing.set(false);
            thread.join(10_000);
        }
    }
}
