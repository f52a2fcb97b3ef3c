package io.joulebit.run;

import io.joulebit.config.AgentConfig;
import io.joulebit.thermo.Baseline;
import io.joulebit.thermo.EffectiveTemperature;
import io.joulebit.thermo.ModelTerm;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What the accountant needs to know about one run, decoupled from the YAML shape.
 *
 * @param fixedBaseline H when it does not come from the loss (uniform or fixed); null for initial-loss
 */
public record RunSettings(String runId, Map<String, String> labels, OptionalLong params, double bitsPerParam,
                          ModelTerm modelTerm, Baseline fixedBaseline, int baselinePoints,
                          double smoothingHalfLifePoints, double pue, double landauerKelvin,
                          boolean landauerMeasured, double ambientKelvin, Double gridIntensityGramsPerKwh,
                          EffectiveTemperature.Optimizer optimizer, double momentum, int heatCapacityWindow,
                          Duration maxGap) {
    public RunSettings {
        labels = Map.copyOf(labels);
    }

    public static RunSettings defaults(String runId) {
        return new RunSettings(runId, Map.of(), OptionalLong.empty(), 16, ModelTerm.NONE, null, 1, 20, 1, 300,
                false, 300, null, EffectiveTemperature.Optimizer.ADAM, 0, 32, Duration.ofSeconds(10));
    }

    public static RunSettings from(AgentConfig c, String runId) {
        var m = c.model();
        var p = c.physics();
        ModelTerm term = switch (m.modelTerm()) {
            case "bits_per_token" -> ModelTerm.bitsPerToken(m.modelBitsPerToken());
            case "model_bits" -> ModelTerm.MODEL_BITS;
            default -> ModelTerm.NONE;
        };
        Baseline fixed = switch (p.baseline()) {
            case "uniform" -> Baseline.uniform(p.vocabSize());
            case "fixed" -> Baseline.fixed(p.baselineBits());
            default -> null;
        };
        var opt = "sgd".equals(p.optimizer()) ? EffectiveTemperature.Optimizer.SGD : EffectiveTemperature.Optimizer.ADAM;
        return new RunSettings(runId, c.run().labels(),
                m.params() == null ? OptionalLong.empty() : OptionalLong.of(m.params()), m.bitsPerParam(), term,
                fixed, p.baselinePoints(), p.smoothingHalfLifePoints(), p.pue(), p.landauerKelvin(),
                p.landauerMeasured(), p.ambientKelvin(), p.gridIntensityGramsPerKwh(), opt, p.momentum(),
                p.heatCapacityWindow(), c.sampling().maxGap());
    }

    public RunSettings withParams(long n) {
        return new RunSettings(runId, labels, OptionalLong.of(n), bitsPerParam, modelTerm, fixedBaseline,
                baselinePoints, smoothingHalfLifePoints, pue, landauerKelvin, landauerMeasured, ambientKelvin,
                gridIntensityGramsPerKwh, optimizer, momentum, heatCapacityWindow, maxGap);
    }

    /** The same run with another gap bound (an import's scrape interval is longer than a live sampler's). */
    public RunSettings withMaxGap(Duration gap) {
        return new RunSettings(runId, labels, params, bitsPerParam, modelTerm, fixedBaseline, baselinePoints,
                smoothingHalfLifePoints, pue, landauerKelvin, landauerMeasured, ambientKelvin,
                gridIntensityGramsPerKwh, optimizer, momentum, heatCapacityWindow, gap);
    }
}
