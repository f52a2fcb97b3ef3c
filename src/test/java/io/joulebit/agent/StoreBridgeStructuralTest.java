package io.joulebit.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.progress.StepEvent;
import io.joulebit.run.RunAccountant;
import io.joulebit.run.RunSettings;
import io.joulebit.run.RunSnapshot;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.RunRecord;
import io.joulebit.store.RunStore;
import io.joulebit.store.StoreOptions;
import io.joulebit.thermo.PrequentialCurve;
import io.joulebit.time.ManualNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The structural figures' prequential sum survives a restart through the real store (checkpoint → SQLite → resume)
 * exactly as the energy and token totals do, and the checkpoint carries the sampling rate the audit reports.
 */
class StoreBridgeStructuralTest {
    private static final InstantSource WALL = InstantSource.fixed(Instant.parse("2026-12-06T04:00:00Z"));
    private static final long[] D = {0, 1000, 2000, 3000};
    private static final double[] L_BITS = {10, 8, 6, 5};

    private static RunSettings unsmoothed() {
        RunSettings d = RunSettings.defaults("resumed");
        return new RunSettings(d.runId(), Map.of(), OptionalLong.empty(), 16, d.modelTerm(), null, 1, 0, 1, 300,
                false, 300, null, d.optimizer(), 0, 32, Duration.ofSeconds(10));
    }

    private static StepEvent point(int k) {
        return StepEvent.train(k, L_BITS[k] * Math.log(2)).withTokens(D[k]);
    }

    @Test
    void theSumContinuesFromTheStoredCheckpoint(@TempDir Path dir) throws Exception {
        Checkpoint stored;
        try (RunStore store = RunStore.open(StoreOptions.defaults(dir.resolve("store.db")))) {
            store.startRun(RunRecord.started("resumed", WALL.instant(), "", Map.of(), OptionalLong.empty()));
            StoreBridge bridge = new StoreBridge(store, unsmoothed(), WALL, new ManualNanoClock(), Duration.ofSeconds(5));
            RunAccountant first = new RunAccountant(unsmoothed(), new ManualNanoClock(), WALL);
            for (int i = 0; i <= 4; i++) { // 5 samples 250 ms apart: 4 Hz
                PowerSample p = PowerSample.of("gpu0", DeviceKind.GPU, "nvidia-smi", i * 250_000_000L, 26);
                bridge.power(List.of(p));
                first.onPower(p);
            }
            first.onStep(point(0));
            first.onStep(point(1));
            bridge.finish(first.publish());
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
            stored = store.latestCheckpoint("resumed").orElseThrow();
        }
        PrequentialCurve c = stored.curve().orElseThrow();
        assertThat(c).isEqualTo(new PrequentialCurve(0, 1000, 8, 9000, 2, 0));
        assertThat(stored.extra().get("power_sample_rate_hz")).isCloseTo(4.0, within(1e-12));
        assertThat(stored.extra().get("structural_information_bits")).isCloseTo(9000 - 1000 * 8, within(1e-9));

        RunAccountant second = new RunAccountant(unsmoothed(), new ManualNanoClock(), WALL);
        StoreBridge.restore(second, stored, WALL.instant());
        second.onStep(point(2));
        second.onStep(point(3));
        RunSnapshot s = second.publish();
        assertThat(s.figures().structuralInformationBits().value()).isCloseTo(6500, within(1e-9));
        assertThat(s.figures().prequentialInformationBits().value()).isCloseTo(8500, within(1e-9));
        assertThat(s.figures().energyJoules().value()).isCloseTo(26, within(1e-9)); // 26 W for 1 s, restored
        assertThat(s.figures().energyPerStructuralBitJoules().value()).isCloseTo(26.0 / 6500, within(1e-15));
        assertThat(s.progress().curve().orElseThrow().resumes()).isEqualTo(1);
    }

    @Test
    void aCheckpointWithoutACurveOrWithABrokenOneResumesWithoutIt() {
        Checkpoint none = new Checkpoint("r", WALL.instant(), 2, 2, OptionalLong.of(1000), Map.of(), 9, 10,
                "initial-loss", 1, Optional.empty(), Map.of());
        assertThat(none.curve()).isEmpty();
        Map<String, Double> broken = new HashMap<>();
        Checkpoint.putCurve(broken, new PrequentialCurve(0, 1000, 8, 9000, 2, 0));
        broken.put(Checkpoint.CURVE_LAST_TOKENS, 12.5);               // not a token count
        assertThat(new Checkpoint("r", WALL.instant(), 2, 2, OptionalLong.of(1000), Map.of(), 9, 10,
                "initial-loss", 1, Optional.empty(), broken).curve()).isEmpty();
        RunAccountant acc = new RunAccountant(unsmoothed(), new ManualNanoClock(), WALL);
        StoreBridge.restore(acc, none, WALL.instant());
        acc.onStep(point(2));
        acc.onStep(point(3));
        PrequentialCurve fresh = acc.publish().progress().curve().orElseThrow();
        assertThat(fresh.firstTokens()).as("the sum starts at the first point after the resume").isEqualTo(2000);
        assertThat(fresh.resumes()).isZero();
    }
}
