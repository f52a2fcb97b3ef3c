package io.joulebit.export;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.progress.LineCounts;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.TokenOrigin;
import io.joulebit.run.ProgressState;
import io.joulebit.run.RunAccountant;
import io.joulebit.run.RunSettings;
import io.joulebit.run.RunSnapshot;
import io.joulebit.run.SourceHealth;
import io.joulebit.time.ManualNanoClock;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Deterministic runs for golden expositions: every input fixed, time driven by a manual clock. */
final class Scenarios {
    private Scenarios() {}

    static RunSettings settings(String runId) {
        RunSettings d = RunSettings.defaults(runId);
        return new RunSettings(runId, Map.of("cluster", "lab"), OptionalLong.of(124_000_000L), 16, d.modelTerm(),
                null, 1, 0, 1.2, 300, false, 300, 350.0, d.optimizer(), 0, 4, Duration.ofSeconds(10));
    }

    /** Two GPUs (a counter and a watts device), an estimated CPU, 5 logged steps, a source with errors. */
    static RunSnapshot training() {
        ManualNanoClock clock = new ManualNanoClock();
        RunAccountant acc = new RunAccountant(settings("golden-train"), clock,
                InstantSource.fixed(Instant.parse("2026-11-22T08:00:00Z")));
        acc.sourcesFrom(() -> List.of(new SourceHealth("nvml", true, Map.of(), ""),
                new SourceHealth("estimate", true, Map.of(), ""),
                new SourceHealth("nvidia-smi", false, Map.of("stalled", 2L, "garbage", 5L), "no row for 3 s")));
        acc.linesFrom(() -> new LineCounts(5, 12, 1));
        acc.tokenOrigin(() -> TokenOrigin.LOG);
        double[] loss = {10.8, 6.1, 4.4, 3.9, 3.6};
        for (int t = 0; t <= 40; t++) {
            long ns = t * 1_000_000_000L;
            clock.set(ns);
            acc.onPower(PowerSample.of("gpu0", DeviceKind.GPU, "nvml", ns, 650 + t).withEnergyJoules(1e6 + 650.0 * t)
                    .withCelsius(61).withUtilization(0.97).withPowerLimitWatts(700));
            acc.onPower(PowerSample.of("gpu1", DeviceKind.GPU, "nvml", ns, 640).withEnergyJoules(2e6 + 640.0 * t)
                    .withCelsius(58).withUtilization(0.95).withPowerLimitWatts(700));
            acc.onPower(PowerSample.of("cpu", DeviceKind.CPU, "estimate", ns, 90).withUtilization(0.4));
            if (t % 10 == 0) {
                int i = t / 10;
                acc.onStep(StepEvent.train(i * 100L, loss[i]).withTokens(i * 52_428_800L).withLearningRate(3e-4)
                        .withBatchSequences(512).withMonoNanos(ns));
            }
        }
        return acc.publish();
    }

    /** Power only: no progress yet, so every learning figure is absent with its reason. */
    static RunSnapshot powerOnly() {
        ManualNanoClock clock = new ManualNanoClock();
        RunAccountant acc = new RunAccountant(settings("golden-power"), clock,
                InstantSource.fixed(Instant.parse("2026-11-22T08:00:00Z")));
        acc.sourcesFrom(() -> List.of(new SourceHealth("simulated", true, Map.of(), "")));
        for (int t = 0; t <= 5; t++) {
            clock.set(t * 1_000_000_000L);
            acc.onPower(PowerSample.of("gpu0", DeviceKind.GPU, "simulated", t * 1_000_000_000L, 300));
        }
        return acc.publish();
    }
}
