package io.joulebit.e2e;

import io.joulebit.power.DeviceExtras;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.progress.LineCounts;
import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.TokenOrigin;
import io.joulebit.run.ProgressState;
import io.joulebit.run.RunAccountant;
import io.joulebit.run.RunSnapshot;
import io.joulebit.run.SourceHealth;
import io.joulebit.run.StoreStatus;
import io.joulebit.time.ManualNanoClock;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A snapshot in which every family the agent can export has a value: devices of every kind with temperature,
 * utilization and limit, a source with errors, a full heat-capacity window, carbon, and a diverged run (flag set).
 * Built through the real {@link RunAccountant} on a manual clock, so it is what an agent would publish.
 */
final class RichSnapshot {
    static final String RUN = "doc-run";

    private RichSnapshot() {}

    static RunSnapshot build() {
        ManualNanoClock clock = new ManualNanoClock(0);
        RunAccountant acc = new RunAccountant(E2eAgents.settings(RUN, Map.of()), clock,
                InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));
        acc.sourcesFrom(() -> List.of(new SourceHealth("nvml", true, Map.of(), "", Map.of("gpu0",
                        new DeviceExtras(Map.of("name", "NVIDIA H100 80GB HBM3", "uuid",
                                "GPU-8932f937-d72c-4106-c12f-20bd9faed9f6", "mig", "disabled"),
                                Map.of("sw_power_cap", 12.5)))),
                new SourceHealth("rapl", false, Map.of("permission_denied", 3L), "EACCES on energy_uj")));
        acc.linesFrom(() -> new LineCounts(60, 4, 1, Optional.of(
                new LineCounts.LogFile(2, 1, Map.of("permission_denied", 1L), "megatron"))));
        acc.tokenOrigin(() -> TokenOrigin.LOG);
        acc.storeFrom(() -> Optional.of(new StoreStatus(true, 1, 0, 1,
                Map.of("gpu0", Map.of("reboot", 1L)))));
        for (int t = 0; t <= 120; t++) { // 121 steps: enough for structural information S > 0 (L-bar lags early)
            long now = Duration.ofSeconds(t).toNanos();
            clock.set(now);
            acc.onPower(PowerSample.of("gpu0", DeviceKind.GPU, "nvml", now, 650).withEnergyJoules(650.0 * t)
                    .withCelsius(71).withUtilization(0.97).withPowerLimitWatts(700));
            acc.onPower(PowerSample.of("package-0", DeviceKind.CPU, "rapl", now, 180).withEnergyJoules(180.0 * t)
                    .withEnergyRangeJoules(262_143.328850));
            acc.onPower(PowerSample.of("dram-0", DeviceKind.DRAM, "rapl", now, 25).withEnergyJoules(25.0 * t));
            acc.onPower(PowerSample.of("system", DeviceKind.SYSTEM, "estimate", now, 90));
            acc.onStep(new StepEvent(t + 1, OptionalDouble.of(TrainingLog.lossNats(t + 1)),
                    OptionalLong.of((t + 1) * TrainingLog.BATCH_SEQUENCES * TrainingLog.SEQ_LEN),
                    OptionalDouble.of(TrainingLog.LEARNING_RATE), OptionalLong.of(TrainingLog.BATCH_SEQUENCES), now,
                    Phase.TRAIN));
        }
        for (int i = 0; i < 5; i++) {  // five NaN losses in a row: the run is flagged diverged
            acc.onStep(new StepEvent(122 + i, OptionalDouble.of(Double.NaN), OptionalLong.empty(), OptionalDouble.empty(),
                    OptionalLong.empty(), clock.nanoTime(), Phase.TRAIN));
        }
        return acc.publish();
    }
}
