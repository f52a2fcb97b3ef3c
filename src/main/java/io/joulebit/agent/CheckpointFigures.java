package io.joulebit.agent;

import io.joulebit.run.RunSnapshot;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.CheckpointKey;
import io.joulebit.thermo.Figure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The named figures a checkpoint carries beside its totals ({@link CheckpointKey}): what a restart needs back (energy,
 * the prequential sum), what the live page's history of a resumed run is drawn from, and what an audit recomputes
 * and compares. Absent figures are stored as NaN.
 */
final class CheckpointFigures {
    private CheckpointFigures() {}

    static Map<String, Double> of(RunSnapshot s, OptionalLong params, double ambientKelvin, double bitsPerParam,
                                  double sampleRateHertz) {
        var f = s.figures();
        Map<String, Double> extra = new LinkedHashMap<>();
        put(extra, CheckpointKey.ELAPSED_SECONDS, s.elapsedSeconds());
        put(extra, CheckpointKey.ENERGY_JOULES, value(f.energyJoules()));
        put(extra, CheckpointKey.IT_ENERGY_JOULES, s.itEnergyJoules());
        put(extra, CheckpointKey.PUE, s.pue());
        put(extra, CheckpointKey.PARAMS, params.isPresent() ? (double) params.getAsLong() : Double.NaN);
        put(extra, CheckpointKey.LANDAUER_KELVIN, value(f.temperatureKelvin()));
        put(extra, CheckpointKey.AMBIENT_KELVIN, ambientKelvin);
        put(extra, CheckpointKey.BITS_PER_PARAM, bitsPerParam);
        put(extra, CheckpointKey.INFORMATION_BITS, value(f.netInformationBits()));
        put(extra, CheckpointKey.ENERGY_PER_BIT_JOULES, value(f.energyPerBitJoules()));
        put(extra, CheckpointKey.LANDAUER_EFFICIENCY_RATIO, value(f.landauerEfficiencyRatio()));
        put(extra, CheckpointKey.LOSS_BITS, s.progress().smoothedLossBits());
        put(extra, CheckpointKey.STRUCTURAL_INFORMATION_BITS, value(f.structuralInformationBits()));
        put(extra, CheckpointKey.ENERGY_PER_STRUCTURAL_BIT_JOULES, value(f.energyPerStructuralBitJoules()));
        s.progress().curve().ifPresent(c -> Checkpoint.putCurve(extra, c));
        put(extra, CheckpointKey.POWER_SAMPLE_RATE_HZ, sampleRateHertz);
        return extra;
    }

    private static void put(Map<String, Double> extra, CheckpointKey k, double v) { extra.put(k.key(), v); }

    private static double value(Figure f) { return f.present() ? f.value() : Double.NaN; }
}
