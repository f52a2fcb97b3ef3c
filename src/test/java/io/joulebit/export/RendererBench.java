package io.joulebit.export;

import io.joulebit.bench.AccountantBench;
import io.joulebit.run.RunSnapshot;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Hand-written text writer against client_java's, same snapshot, one run; C1 as the launcher runs `run`. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx512m", "-XX:TieredStopAtLevel=1"})
public class RendererBench {
    private RunSnapshot snapshot;
    private final PrometheusTextFormatWriter writer = ExpositionFormats.init().getPrometheusTextFormatWriter();

    @Setup(Level.Trial)
    public void setUp() {
        AccountantBench b = new AccountantBench();
        b.warmRun();
        snapshot = b.publishOnly();
    }

    @Benchmark
    public byte[] handWritten() {
        Families f = new Families();
        DeviceFamilies.add(f, snapshot);
        RunFamilies.add(f, snapshot);
        return f.prometheusText();
    }

    @Benchmark
    public byte[] clientJava() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        writer.write(out, MetricsRoute.families(snapshot));
        return out.toByteArray();
    }
}
