package io.joulebit.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.progress.StepEvent;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.DeviceTotals;
import io.joulebit.store.RunRecord;
import io.joulebit.store.RunStore;
import io.joulebit.store.StoreOptions;
import io.joulebit.thermo.ModelTerm;
import io.joulebit.thermo.Physics;
import io.joulebit.thermo.PrequentialCurve;
import io.joulebit.thermo.Thermo;
import io.joulebit.thermo.ThermoFigures;
import io.joulebit.thermo.ThermoInputs;
import io.joulebit.thermo.Units;
import io.joulebit.time.ManualNanoClock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A synthetic run written through {@link RunStore} the way the agent writes it: one step per second whose loss (in
 * nats) follows L(D) = E + A·D^(−α) bits exactly, power per device per second, a checkpoint every 5 s with the
 * agent's extra figures computed by thermo.
 */
final class AuditFixture {
    static final Instant T0 = Instant.parse("2026-11-22T08:15:00Z");
    static final String RUN = "20261122T081500Z-3f9a";
    static final double E = 2.0, A = 180.0, ALPHA = 0.3;
    static final long TOKENS_PER_STEP = 32_768;
    static final long PARAMS = 10_000_000;
    static final double PUE = 1.2, GPU_WATTS = 250, CPU_WATTS = 50, CPU_UNCOVERED_SECONDS = 3;

    int seconds = 600;
    String gpuQuality = "counter";
    String cpuQuality = "estimated";
    String gpuName = "gpu0";
    Map<String, String> labels = Map.of("team", "lm");
    /** Net information B = I − modelBitsPerToken·D, as the agent's model term would give. */
    double modelBitsPerToken = 0;
    /** Checkpoints carry the prequential sum and the sampling rate, as the agent writes them. */
    boolean withCurve = true;
    long resumes = 0;
    static final double SAMPLE_RATE_HZ = 2.0;

    static double loss(double tokens) { return E + A * Math.pow(tokens, -ALPHA); }

    /** Writes the run (plus an unrelated second run) into a fresh store at {@code db}. */
    Path write(Path db) {
        InstantSource wall = () -> T0;
        try (RunStore store = RunStore.open(StoreOptions.defaults(db).withClocks(wall, new ManualNanoClock()))) {
            store.startRun(RunRecord.started("20261121T000000Z-0000", T0.minusSeconds(86_400), "", Map.of(),
                    OptionalLong.empty()));
            store.startRun(RunRecord.started(RUN, T0, "model: {params: 1e7}\n", labels,
                    OptionalLong.of(PARAMS)));
            double baseline = loss(TOKENS_PER_STEP);
            for (int s = 1; s <= seconds; s++) {
                Instant at = T0.plusSeconds(s);
                store.power(RUN, PowerSample.of(gpuName, DeviceKind.GPU, "nvml", 0, GPU_WATTS + 20 * Math.sin(s / 30.0)), at);
                store.power(RUN, PowerSample.of("cpu", DeviceKind.CPU, "estimate", 0, CPU_WATTS), at);
                long tokens = s * TOKENS_PER_STEP;
                store.step(RUN, StepEvent.train(s, Units.bitsToNats(loss(tokens))).withTokens(tokens), at);
                if (s % 5 == 0) {
                    store.checkpoint(checkpoint(s, tokens, baseline));
                    // The queue keeps only the newest unwritten checkpoint of a run: commit each, as 5 s apart would.
                    assertThat(store.flush(Duration.ofSeconds(30))).isTrue();
                }
            }
            store.endRun(RUN, T0.plusSeconds(seconds));
            assertThat(store.flush(Duration.ofSeconds(30))).isTrue();
        }
        return db;
    }

    Checkpoint checkpoint(int s, long tokens, double baseline) {
        Map<String, DeviceTotals> devices = new LinkedHashMap<>();
        devices.put(gpuName, new DeviceTotals(gpuName, "gpu", "nvml", gpuQuality, GPU_WATTS * s, 0));
        double uncovered = Math.min(s - 1, CPU_UNCOVERED_SECONDS);
        devices.put("cpu", new DeviceTotals("cpu", "cpu", "estimate", cpuQuality, CPU_WATTS * (s - uncovered),
                uncovered));
        double it = devices.values().stream().mapToDouble(DeviceTotals::energyJoules).sum();
        ThermoFigures f = Thermo.compute(inputs(tokens, it, baseline, s));
        double info = f.informationBits().value() - modelBitsPerToken * tokens;
        Map<String, Double> extra = new LinkedHashMap<>();
        extra.put("elapsed_seconds", (double) s);
        extra.put("energy_joules", f.energyJoules().value());
        extra.put("it_energy_joules", it);
        extra.put("pue", PUE);
        extra.put("params", (double) PARAMS);
        extra.put("bits_per_param", 16.0);
        extra.put("landauer_kelvin", Physics.DEFAULT_TEMPERATURE_KELVIN);
        extra.put("information_bits", info);
        extra.put("energy_per_bit_joules", info > 0 ? f.energyJoules().value() / info : Double.NaN);
        extra.put("landauer_efficiency_ratio", Math.max(0, info) * Physics.landauerJoulesPerBit(300)
                / f.energyJoules().value());
        extra.put("loss_bits", loss(tokens));
        if (withCurve) { // the prequential sum as the agent checkpoints it, from the first step's tokens
            PrequentialCurve c = curve(s);
            Checkpoint.putCurve(extra, c);
            extra.put("structural_information_bits", c.areaBitTokens() - c.windowTokens() * loss(tokens));
            extra.put("power_sample_rate_hz", SAMPLE_RATE_HZ);
        }
        return new Checkpoint(RUN, T0.plusSeconds(s), s, s, OptionalLong.of(tokens), devices, loss(tokens), baseline,
                "initial-loss", 1, Optional.empty(), extra);
    }

    /** The loss curve of steps 1..s: trapezoids of the exact (unsmoothed) loss in bits over tokens. */
    PrequentialCurve curve(int s) {
        double area = 0;
        for (int k = 2; k <= s; k++) area += TOKENS_PER_STEP * (loss(k * TOKENS_PER_STEP) + loss((k - 1) * TOKENS_PER_STEP)) / 2;
        return new PrequentialCurve(TOKENS_PER_STEP, s * TOKENS_PER_STEP, loss(s * TOKENS_PER_STEP), area, s, resumes);
    }

    /** Thermo inputs for the totals at second {@code s} (what the test holds the report to). */
    ThermoInputs inputs(long tokens, double itJoules, double baseline, double elapsed) {
        ThermoInputs.Builder b = ThermoInputs.builder().tokens(tokens).itEnergyJoules(itJoules).pue(PUE)
                .lossBits(loss(tokens)).baselineBits(baseline).params(PARAMS).elapsedSeconds(elapsed);
        if (modelBitsPerToken > 0) b.modelTerm(ModelTerm.bitsPerToken(modelBitsPerToken));
        return b.build();
    }

    /** Total IT energy at the end of the run. */
    double itJoules() {
        return GPU_WATTS * seconds + CPU_WATTS * (seconds - CPU_UNCOVERED_SECONDS);
    }

    long tokens() { return seconds * TOKENS_PER_STEP; }
}
