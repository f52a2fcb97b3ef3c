package io.joulebit.bench;

import io.joulebit.export.MetricsRoute;
import io.joulebit.export.Route;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.progress.LineCounts;
import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.TokenOrigin;
import io.joulebit.run.ProgressState;
import io.joulebit.run.RunAccountant;
import io.joulebit.run.RunSettings;
import io.joulebit.run.RunSnapshot;
import io.joulebit.run.SourceHealth;
import io.joulebit.time.ManualNanoClock;
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
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The accountant's hot paths on a realistic run (8 GPUs + cpu, a curve with tokens, learning rate and batch):
 * one step + publish (target ≤ 2 µs), one power sample (≤ 1 µs), and a /metrics render of the resulting snapshot.
 * The clock only moves forward, so the ledger integrates every sample as it would live. Run: bench/jmh.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx512m"})
public class AccountantBench {
    static final int GPUS = 8;
    static final long SAMPLE_SPACING_NANOS = 1_000_000L; // 1 ms: well inside max_gap, so every sample integrates

    private final ManualNanoClock clock = new ManualNanoClock(1_000_000_000L);
    private final String[] names = new String[GPUS + 1];
    private final DeviceKind[] kinds = new DeviceKind[GPUS + 1];
    private final double[] counterJoules = new double[GPUS + 1];
    private RunAccountant acc;
    private MetricsRoute route;
    private Route.Request get;
    private Route.Request getOpenMetrics;
    private long now = 1_000_000_000L;
    private long step;
    private int device;

    @Setup(Level.Trial)
    public void warmRun() {
        for (int i = 0; i < GPUS; i++) {
            names[i] = "gpu" + i;
            kinds[i] = DeviceKind.GPU;
        }
        names[GPUS] = "cpu";
        kinds[GPUS] = DeviceKind.CPU;
        acc = new RunAccountant(RunSettings.defaults("bench-run").withParams(124_000_000L), clock,
                InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));
        List<SourceHealth> health = List.of(new SourceHealth("nvml", true, Map.of(), ""),
                new SourceHealth("rapl", true, Map.of("read", 2L), "EACCES on energy_uj"));
        LineCounts lines = new LineCounts(12_000, 340, 3);
        acc.sourcesFrom(() -> health);
        acc.linesFrom(() -> lines);
        acc.tokenOrigin(() -> TokenOrigin.LOG);
        // An hour-old run: a full baseline, EMA, heat-capacity window and flux history before measuring.
        for (int i = 0; i < 2_000; i++) {
            for (int d = 0; d <= GPUS; d++) acc.onPower(sample(d));
            acc.onStep(step());
        }
        // Two snapshots served in turn: MetricsRoute caches the body per snapshot, and a scrape in production meets a
        // new snapshot (published every interval), so each call here must render.
        RunSnapshot[] two = {acc.publish(), acc.publish()};
        int[] turn = {0};
        route = new MetricsRoute(() -> two[turn[0] ^= 1]);
        get = new Route.Request("GET", "/metrics", Map.of(), new byte[0]);
        getOpenMetrics = new Route.Request("GET", "/metrics",
                Map.of("accept", "application/openmetrics-text; version=1.0.0"), new byte[0]);
    }

    /** A full NVML-like reading; the power source builds one per device per tick, so its cost belongs here. */
    private PowerSample sample(int d) {
        now += SAMPLE_SPACING_NANOS;
        clock.set(now);
        double w = d == GPUS ? 180 + (now >> 20 & 15) : 650 + (now >> 20 & 31);
        counterJoules[d] += w * 9e-3; // ~one sample per device every 9 ms
        return new PowerSample(names[d], kinds[d], "nvml", now, w, OptionalDouble.of(counterJoules[d]),
                OptionalDouble.of(64), OptionalDouble.of(0.97), OptionalDouble.of(700), OptionalDouble.empty());
    }

    private StepEvent step() {
        now += SAMPLE_SPACING_NANOS;
        clock.set(now);
        long s = ++step;
        double loss = 2.0 + 8.0 / (1 + s / 500.0);
        return new StepEvent(s, OptionalDouble.of(loss), OptionalLong.of(s * 524_288L),
                OptionalDouble.of(3e-4), OptionalLong.of(256), now, Phase.TRAIN);
    }

    @Benchmark
    public RunSnapshot stepAndPublish() {
        acc.onStep(step());
        return acc.publish();
    }

    @Benchmark
    public RunAccountant onPower() {
        int d = device;
        device = d == GPUS ? 0 : d + 1;
        acc.onPower(sample(d));
        return acc;
    }

    /** publish() alone: what the accountant loop pays at least once per interval even when idle. */
    @Benchmark
    public RunSnapshot publishOnly() {
        return acc.publish();
    }

    @Benchmark
    public Route.Response metricsPrometheusText() throws IOException {
        return route.handle(get);
    }

    @Benchmark
    public Route.Response metricsOpenMetrics() throws IOException {
        return route.handle(getOpenMetrics);
    }
}
