package io.joulebit.store;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.tail.FileIdentity;
import io.joulebit.progress.tail.TailPosition;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the store costs the agent: the caller-side price of journaling (the sampling path only enqueues) and how many
 * step rows per second the writer commits. Run: java -cp target/test-classes:target/classes:DEPS org.openjdk.jmh.Main
 * RunStoreBenchmark (DEPS from mvn dependency:build-classpath -Dmdep.includeScope=test).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RunStoreBenchmark {
    static final int ROWS_PER_FLUSH = 10_000;
    private Path dir;
    private RunStore store;
    private long n;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("storebench");
        store = RunStore.open(StoreOptions.defaults(dir.resolve("bench.db")));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** One power sample from a sampling thread, 10 Hz wall time (downsampled to 1 row/s by the store). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void enqueuePowerSample() {
        long i = n++;
        store.power("bench", PowerSample.of("gpu" + (i & 7), DeviceKind.GPU, "nvml", 0, 300).withEnergyJoules(i),
                Instant.EPOCH.plusMillis(100 * (i >> 3)));
    }

    /** One step event from the progress path (queue full → drop-oldest, still O(1)). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void enqueueStep() {
        store.step("bench", StepEvent.train(n++, 2.5).withTokens(n * 4096), Instant.EPOCH.plusMillis(n));
    }

    /** One op = 10k step rows enqueued and committed; ops/s × 10k = committed rows/s. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public boolean commitTenThousandSteps() {
        for (int i = 0; i < ROWS_PER_FLUSH; i++) {
            store.step("bench", StepEvent.train(n++, 2.5).withTokens(n * 4096), Instant.EPOCH.plusMillis(n));
        }
        return store.flush(Duration.ofMinutes(1));
    }

    /**
     * One checkpoint as the sidecar writes it each second (bench config: 8 GPUs + cpu, each with its raw counter, 12
     * extra figures, the tail position), queued and committed (WAL, synchronous=NORMAL). Wall time per commit with the
     * caller waiting: an upper bound on the CPU one checkpoint costs (StoreBridge: 1 s checkpoints).
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public boolean commitCheckpoint() {
        long i = n++;
        Map<String, DeviceTotals> devices = new LinkedHashMap<>();
        for (int g = 0; g < 9; g++) {
            String d = g < 8 ? "gpu" + g : "cpu";
            devices.put(d, new DeviceTotals(d, g < 8 ? "gpu" : "cpu", g < 8 ? "nvml" : "rapl", "counter", 650.0 * i,
                    0, Optional.of(new CounterCheckpoint(1e6 + 650.0 * i, Instant.EPOCH.plusSeconds(i),
                    "boot", "GPU-" + g, "load", Double.NaN, 700))));
        }
        Map<String, Double> extra = new LinkedHashMap<>();
        for (int e = 0; e < 12; e++) extra.put("figure_" + e, e * 1.5 + i);
        store.checkpoint(new Checkpoint("bench", Instant.EPOCH.plusSeconds(i), i, i, OptionalLong.of(i * 4096),
                devices, 3.2, 15.6, "uniform", 1, Optional.of(new TailPosition(
                new FileIdentity(2049, 77), i * 80)), extra));
        return store.flush(Duration.ofMinutes(1));
    }
}
