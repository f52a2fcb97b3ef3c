package io.joulebit.audit;

import io.joulebit.store.Checkpoint;
import io.joulebit.store.CheckpointKey;
import io.joulebit.store.RunRecord;
import io.joulebit.thermo.ModelTerm;
import io.joulebit.thermo.Physics;
import io.joulebit.thermo.Thermo;
import io.joulebit.thermo.ThermoFigures;
import io.joulebit.thermo.ThermoInputs;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One checkpoint's totals as {@link Thermo} inputs: the checkpoint's own fields plus the settings the agent wrote into
 * {@link Checkpoint#extra()} (pue, params, bits_per_param, landauer_kelvin, elapsed_seconds). Every audit figure is
 * recomputed by Thermo from these, so the nominal value and its uncertainty range come from the same formula.
 */
public final class RunTotals {
    /** Relative tolerance when recognising the agent's model term from its stored net information. */
    private static final double SAME = 1e-9;

    private final Optional<Checkpoint> checkpoint;
    private final ThermoInputs.Builder base;
    private final OptionalDouble itEnergyJoules;
    private final double pue;
    private final OptionalDouble elapsedSeconds;

    private RunTotals(RunRecord run, Optional<Checkpoint> checkpoint) {
        this.checkpoint = checkpoint;
        Map<String, Double> extra = checkpoint.map(Checkpoint::extra).orElse(Map.of());
        this.pue = positive(extra.get(CheckpointKey.PUE.key())) ? extra.get(CheckpointKey.PUE.key()) : 1.0;
        this.itEnergyJoules = itEnergy(checkpoint, extra);
        this.elapsedSeconds = elapsed(run, checkpoint, extra);
        base = ThermoInputs.builder().pue(pue);
        checkpoint.ifPresent(c -> c.tokens().ifPresent(base::tokens));
        double loss = checkpoint.map(Checkpoint::lossBitsSmoothed).orElse(Double.NaN);
        if (!Double.isFinite(loss) && extra.containsKey(CheckpointKey.LOSS_BITS.key())) loss = extra.get(CheckpointKey.LOSS_BITS.key());
        if (Double.isFinite(loss)) base.lossBits(loss);
        checkpoint.map(Checkpoint::baselineBits).filter(Double::isFinite).ifPresent(base::baselineBits);
        OptionalLong params = positive(extra.get(CheckpointKey.PARAMS.key())) ? OptionalLong.of(Math.round(extra.get(CheckpointKey.PARAMS.key())))
                : run.parameterCount();
        params.ifPresent(base::params);
        if (positive(extra.get(CheckpointKey.BITS_PER_PARAM.key()))) base.bitsPerParam(extra.get(CheckpointKey.BITS_PER_PARAM.key()));
        base.temperatureKelvin(positive(extra.get(CheckpointKey.LANDAUER_KELVIN.key())) ? extra.get(CheckpointKey.LANDAUER_KELVIN.key())
                : Physics.DEFAULT_TEMPERATURE_KELVIN);
        if (positive(extra.get(CheckpointKey.AMBIENT_KELVIN.key()))) base.ambientKelvin(extra.get(CheckpointKey.AMBIENT_KELVIN.key()));
        elapsedSeconds.ifPresent(base::elapsedSeconds);
        base.modelTerm(modelTerm(extra, params));
        checkpoint.flatMap(Checkpoint::curve).ifPresent(base::prequential);
    }

    public static RunTotals of(RunRecord run, Optional<Checkpoint> checkpoint) {
        return new RunTotals(run, checkpoint);
    }

    public Optional<Checkpoint> checkpoint() { return checkpoint; }

    /** IT energy (sum of the devices), before PUE; empty when nothing was measured. */
    public OptionalDouble itEnergyJoules() { return itEnergyJoules; }

    public double pue() { return pue; }

    public OptionalDouble elapsedSeconds() { return elapsedSeconds; }

    public OptionalLong tokens() { return checkpoint.map(Checkpoint::tokens).orElse(OptionalLong.empty()); }

    /** The inputs without energy (params, bits per parameter, temperature, model term, ...). */
    public ThermoInputs inputs() { return base.build(); }

    /** The figures at the measured energy. */
    public ThermoFigures figures() {
        ThermoInputs.Builder b = copy();
        itEnergyJoules.ifPresent(b::itEnergyJoules);
        return Thermo.compute(b.build());
    }

    /** The figures with the IT energy replaced (the bounds of the uncertainty range). */
    public ThermoFigures figuresAt(double itJoules) {
        return Thermo.compute(copy().itEnergyJoules(itJoules).build());
    }

    private ThermoInputs.Builder copy() {
        ThermoInputs in = base.build();
        ThermoInputs.Builder b = ThermoInputs.builder().pue(in.pue()).bitsPerParam(in.bitsPerParam())
                .modelTerm(in.modelTerm()).temperatureKelvin(in.temperatureKelvin()).ambientKelvin(in.ambientKelvin());
        in.tokens().ifPresent(b::tokens);
        in.lossBits().ifPresent(b::lossBits);
        in.baselineBits().ifPresent(b::baselineBits);
        in.params().ifPresent(b::params);
        in.elapsedSeconds().ifPresent(b::elapsedSeconds);
        in.prequential().ifPresent(b::prequential);
        return b;
    }

    /**
     * The model term the agent used, recognised from its stored net information B: M = I − B is 0 (none), N_bits
     * (model-bits) or c·D (bits per token). Without a stored B the default (none) applies.
     */
    private ModelTerm modelTerm(Map<String, Double> extra, OptionalLong params) {
        Double stored = extra.get(CheckpointKey.INFORMATION_BITS.key());
        ThermoInputs in = base.build();
        if (stored == null || !Double.isFinite(stored) || in.tokens().isEmpty()) return ModelTerm.NONE;
        var info = Thermo.compute(in).informationBits();
        if (!info.present()) return ModelTerm.NONE;
        double m = info.value() - stored;
        if (Math.abs(m) <= SAME * Math.max(1, Math.abs(info.value()))) return ModelTerm.NONE;
        if (params.isPresent()) {
            double nBits = params.getAsLong() * in.bitsPerParam();
            if (Math.abs(m - nBits) <= SAME * nBits) return ModelTerm.MODEL_BITS;
        }
        long d = in.tokens().getAsLong();
        return m > 0 && d > 0 ? ModelTerm.bitsPerToken(m / d) : ModelTerm.NONE;
    }

    private static OptionalDouble itEnergy(Optional<Checkpoint> c, Map<String, Double> extra) {
        if (c.isPresent() && !c.get().devices().isEmpty()) return OptionalDouble.of(c.get().energyJoules());
        Double it = extra.get(CheckpointKey.IT_ENERGY_JOULES.key());
        return it != null && it >= 0 && Double.isFinite(it) ? OptionalDouble.of(it) : OptionalDouble.empty();
    }

    private static OptionalDouble elapsed(RunRecord run, Optional<Checkpoint> c, Map<String, Double> extra) {
        if (positive(extra.get(CheckpointKey.ELAPSED_SECONDS.key()))) return OptionalDouble.of(extra.get(CheckpointKey.ELAPSED_SECONDS.key()));
        if (c.isEmpty()) return OptionalDouble.empty();
        double s = Duration.between(run.started().orElse(run.created()), c.get().wallTime()).toNanos() / 1e9;
        return s > 0 ? OptionalDouble.of(s) : OptionalDouble.empty();
    }

    static boolean positive(Double x) { return x != null && x > 0 && Double.isFinite(x); }
}
