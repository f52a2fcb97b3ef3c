package io.joulebit.thermo;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Everything {@link Thermo#compute} needs, in base units. Absent inputs are empty optionals, never 0.
 *
 * @param tokens                  D, loss-bearing tokens so far
 * @param itEnergyJoules          IT energy of the run; figures use itEnergyJoules × pue
 * @param pue                     power usage effectiveness (1 = IT energy)
 * @param lossBits                smoothed loss L̄ in bits/token
 * @param baselineBits            H in bits/token
 * @param params                  N_params
 * @param bitsPerParam            b, storage bits per parameter (default 16)
 * @param temperatureKelvin       Landauer reservoir temperature T
 * @param inferenceJoulesPerToken measured e_inf; when empty it is estimated as 2·N_params·(J/FLOP)
 * @param elapsedSeconds          run wall time, for average power and entropy production
 * @param ambientKelvin           T_amb of the entropy production σ = P / T_amb
 * @param prequential             the loss curve's area and token window (structural information); empty without one
 */
public record ThermoInputs(OptionalLong tokens, OptionalDouble itEnergyJoules, double pue, OptionalDouble lossBits,
                           OptionalDouble baselineBits, OptionalLong params, double bitsPerParam, ModelTerm modelTerm,
                           double temperatureKelvin, OptionalDouble inferenceJoulesPerToken,
                           OptionalDouble elapsedSeconds, double ambientKelvin,
                           Optional<PrequentialCurve> prequential) {
    public static final double DEFAULT_BITS_PER_PARAM = 16;

    public ThermoInputs {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(itEnergyJoules, "itEnergyJoules");
        Objects.requireNonNull(lossBits, "lossBits");
        Objects.requireNonNull(baselineBits, "baselineBits");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(modelTerm, "modelTerm");
        Objects.requireNonNull(inferenceJoulesPerToken, "inferenceJoulesPerToken");
        Objects.requireNonNull(elapsedSeconds, "elapsedSeconds");
        Objects.requireNonNull(prequential, "prequential");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder with the defaults of PHYSICS.md (PUE 1, b = 16, M = 0, T = T_amb = 300 K). */
    public static final class Builder {
        private OptionalLong tokens = OptionalLong.empty();
        private OptionalDouble itEnergyJoules = OptionalDouble.empty();
        private double pue = 1;
        private OptionalDouble lossBits = OptionalDouble.empty();
        private OptionalDouble baselineBits = OptionalDouble.empty();
        private OptionalLong params = OptionalLong.empty();
        private double bitsPerParam = DEFAULT_BITS_PER_PARAM;
        private ModelTerm modelTerm = ModelTerm.NONE;
        private double temperatureKelvin = Physics.DEFAULT_TEMPERATURE_KELVIN;
        private OptionalDouble inferenceJoulesPerToken = OptionalDouble.empty();
        private OptionalDouble elapsedSeconds = OptionalDouble.empty();
        private double ambientKelvin = Physics.DEFAULT_TEMPERATURE_KELVIN;
        private Optional<PrequentialCurve> prequential = Optional.empty();

        public Builder tokens(long d) { tokens = OptionalLong.of(d); return this; }
        public Builder itEnergyJoules(double j) { itEnergyJoules = OptionalDouble.of(j); return this; }
        public Builder pue(double x) { pue = x; return this; }
        public Builder lossBits(double l) { lossBits = OptionalDouble.of(l); return this; }
        public Builder lossNats(double l) { return lossBits(Units.natsToBits(l)); }
        public Builder baselineBits(double h) { baselineBits = OptionalDouble.of(h); return this; }
        public Builder params(long n) { params = OptionalLong.of(n); return this; }
        public Builder bitsPerParam(double b) { bitsPerParam = b; return this; }
        public Builder modelTerm(ModelTerm m) { modelTerm = m; return this; }
        public Builder temperatureKelvin(double t) { temperatureKelvin = t; return this; }
        public Builder inferenceJoulesPerToken(double e) { inferenceJoulesPerToken = OptionalDouble.of(e); return this; }
        public Builder elapsedSeconds(double s) { elapsedSeconds = OptionalDouble.of(s); return this; }
        public Builder ambientKelvin(double t) { ambientKelvin = t; return this; }
        public Builder prequential(PrequentialCurve c) { prequential = Optional.of(c); return this; }

        public ThermoInputs build() {
            return new ThermoInputs(tokens, itEnergyJoules, pue, lossBits, baselineBits, params, bitsPerParam,
                    modelTerm, temperatureKelvin, inferenceJoulesPerToken, elapsedSeconds, ambientKelvin,
                    prequential);
        }
    }
}
