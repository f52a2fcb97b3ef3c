package io.joulebit.store;

import io.joulebit.progress.tail.FileIdentity;
import io.joulebit.progress.tail.TailPosition;
import io.joulebit.time.ManualNanoClock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.fail;

/** Shared pieces of the store tests: manual clocks, fast retry options, checkpoint builders, polling. */
final class StoreFixture {
    static final Instant T0 = Instant.parse("2026-11-22T08:15:00Z");

    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    final InstantSource wall = () -> now.get();
    final ManualNanoClock mono = new ManualNanoClock(1_000_000_000L);

    StoreOptions options(Path db) {
        return StoreOptions.defaults(db).withClocks(wall, mono)
                .withBackoff(Duration.ofMillis(5), Duration.ofMillis(40));
    }

    void advance(Duration d) {
        mono.advance(d);
        now.updateAndGet(t -> t.plus(d));
    }

    static RunRecord run(String id) {
        return RunRecord.started(id, T0, "sources:\n  simulated: {enabled: true}\n", Map.of("team", "lm"),
                OptionalLong.of(124_000_000L));
    }

    static Checkpoint checkpoint(String runId, Instant at, long steps, double gpuJoules) {
        Map<String, DeviceTotals> devices = new LinkedHashMap<>();
        devices.put("gpu0", new DeviceTotals("gpu0", "gpu", "nvml", "counter", gpuJoules, 0.0));
        devices.put("cpu", new DeviceTotals("cpu", "cpu", "rapl", "counter", gpuJoules / 10, 1.5));
        Map<String, Double> extra = new LinkedHashMap<>();
        extra.put("loss_ema_weight", 0.25);
        return new Checkpoint(runId, at, steps, steps, OptionalLong.of(steps * 2048), devices, 4.5 - steps * 1e-4,
                15.58, "uniform", 12, Optional.of(new TailPosition(new FileIdentity(2049, 77), steps * 80)), extra);
    }
}
