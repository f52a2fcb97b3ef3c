package io.joulebit.progress.tail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lines per second the tailer reads from a warm file: 100k typical training-log lines (~8 MB, some with CR redraws
 * and ANSI colour). Run: see the report (java -cp test-classes:classes:deps org.openjdk.jmh.Main LogTailerBenchmark).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogTailerBenchmark {
    static final int LINES = 100_000;
    private Path dir;
    private Path log;

    @Setup(Level.Trial)
    public void writeLog() throws IOException {
        dir = Files.createTempDirectory("tailbench");
        log = dir.resolve("train.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            if (i % 10 == 0) sb.append(" 40%|####   | 4/10\r100%|#######| 10/10 ");
            if (i % 7 == 0) sb.append("\u001b[32m");
            sb.append("{'loss': ").append(2.0 + (i % 100) / 1000.0).append(", 'learning_rate': 5e-05, 'epoch': ")
                    .append(i / 1000.0).append(", 'step': ").append(i).append("}\n");
        }
        Files.writeString(log, sb, StandardCharsets.UTF_8);
    }

    @TearDown(Level.Trial)
    public void remove() throws IOException {
        Files.deleteIfExists(log);
        Files.deleteIfExists(dir);
    }

    /** One op = the whole file read from the start; ops/s × LINES = lines/s. */
    @Benchmark
    public long readWholeFile(Blackhole bh) {
        LogTailer t = LogTailer.builder(log).build(bh::consume);
        t.pollOnce();
        t.close();
        return t.counters().linesDelivered();
    }
}
