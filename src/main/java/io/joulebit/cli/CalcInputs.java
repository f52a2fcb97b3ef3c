package io.joulebit.cli;

import io.joulebit.thermo.Baseline;
import io.joulebit.thermo.LossUnit;
import io.joulebit.thermo.ModelTerm;
import io.joulebit.thermo.ThermoInputs;
import io.joulebit.thermo.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Validates {@link CalcOptions} into {@link ThermoInputs}, collecting every problem (one line each, naming the flag)
 * instead of stopping at the first.
 *
 * @param baseline null when the baseline flags were bad
 * @param problems empty when the inputs are usable
 */
record CalcInputs(ThermoInputs inputs, Baseline baseline, boolean json, List<String> problems) {
    static CalcInputs parse(CalcOptions o) {
        Checker c = new Checker();
        ThermoInputs.Builder b = ThermoInputs.builder();
        c.whole("--tokens", o.tokens, 0).ifPresent(b::tokens);
        c.energy(o.energy).ifPresent(b::itEnergyJoules);
        c.number("--pue", o.pue, 1, false).ifPresent(b::pue);
        lossBits(o, c).ifPresent(b::lossBits);
        Baseline baseline = baseline(o, c);
        if (baseline != null) {
            b.baselineBits(baseline.bits());
        }
        c.whole("--params", o.params, 1).ifPresent(b::params);
        c.number("--bits-per-param", o.bitsPerParam, 0, true).ifPresent(b::bitsPerParam);
        c.number("--model-bits-per-token", o.modelBitsPerToken, 0, false)
                .ifPresent(m -> b.modelTerm(m == 0 ? ModelTerm.NONE : ModelTerm.bitsPerToken(m)));
        c.number("--temperature-kelvin", o.temperatureKelvin, 0, true).ifPresent(b::temperatureKelvin);
        c.number("--inference-joules-per-token", o.inferenceJoulesPerToken, 0, true)
                .ifPresent(b::inferenceJoulesPerToken);
        boolean json = "json".equals(o.format);
        if (!json && !"text".equals(o.format)) {
            c.problem("--format: '" + o.format + "' is not one of text, json");
        }
        return new CalcInputs(b.build(), baseline, json, List.copyOf(c.problems));
    }

    private static OptionalDouble lossBits(CalcOptions o, Checker c) {
        if (o.loss != null && o.perplexity != null) {
            c.problem("--loss, --perplexity: give one loss, not both");
            return OptionalDouble.empty();
        }
        if (o.perplexity != null) {
            OptionalDouble ppl = c.number("--perplexity", o.perplexity, 1, false);
            return ppl.isPresent() ? OptionalDouble.of(Units.perplexityToBits(ppl.getAsDouble())) : ppl;
        }
        LossUnit unit = LossUnit.parse(o.lossUnit).orElse(null);
        if (unit == null) {
            c.problem("--loss-unit: '" + o.lossUnit + "' is not one of nats, bits");
        }
        OptionalDouble loss = c.number("--loss", o.loss, 0, false);
        return loss.isPresent() && unit != null ? OptionalDouble.of(unit.toBits(loss.getAsDouble()))
                : OptionalDouble.empty();
    }

    private static Baseline baseline(CalcOptions o, Checker c) {
        long given = Stream.of(o.baselineBits, o.baselineNats, o.vocabSize).filter(Objects::nonNull).count();
        if (given == 0) {
            c.problem("--baseline-bits, --baseline-nats, --vocab-size: missing baseline; give exactly one");
            return null;
        }
        if (given > 1) {
            c.problem("--baseline-bits, --baseline-nats, --vocab-size: give exactly one baseline, not " + given);
            return null;
        }
        if (o.vocabSize != null) {
            OptionalLong v = c.whole("--vocab-size", o.vocabSize, 2);
            return v.isPresent() ? Baseline.uniform(v.getAsLong()) : null;
        }
        boolean bits = o.baselineBits != null;
        OptionalDouble h = c.number(bits ? "--baseline-bits" : "--baseline-nats",
                bits ? o.baselineBits : o.baselineNats, 0, false);
        if (h.isEmpty()) {
            return null;
        }
        return Baseline.fixed(bits ? h.getAsDouble() : Units.natsToBits(h.getAsDouble()));
    }

    /** Parses one flag at a time and keeps a line for each bad one. */
    private static final class Checker {
        final List<String> problems = new ArrayList<>();

        void problem(String line) {
            problems.add(line);
        }

        /** Empty when absent or bad; bad means not a number, or below min (or equal to it when strict). */
        OptionalDouble number(String flag, String text, double min, boolean strict) {
            if (text == null) {
                return OptionalDouble.empty();
            }
            try {
                double v = Units.parseNumber(text);
                if (strict ? v > min : v >= min) {
                    return OptionalDouble.of(v);
                }
                problem(flag + ": '" + text + "' must be " + (strict ? "> " : ">= ") + plain(min));
            } catch (IllegalArgumentException e) {
                problem(flag + ": " + e.getMessage());
            }
            return OptionalDouble.empty();
        }

        OptionalLong whole(String flag, String text, long min) {
            if (text == null) {
                return OptionalLong.empty();
            }
            try {
                long v = Units.parseWholeNumber(text);
                if (v >= min) {
                    return OptionalLong.of(v);
                }
                problem(flag + ": '" + text + "' must be >= " + min);
            } catch (IllegalArgumentException e) {
                problem(flag + ": " + e.getMessage());
            }
            return OptionalLong.empty();
        }

        OptionalDouble energy(String text) {
            if (text == null) {
                return OptionalDouble.empty();
            }
            try {
                double j = Units.parseEnergyJoules(text);
                if (j >= 0) {
                    return OptionalDouble.of(j);
                }
                problem("--energy: '" + text + "' must be >= 0");
            } catch (IllegalArgumentException e) {
                problem("--energy: " + e.getMessage());
            }
            return OptionalDouble.empty();
        }

        private static String plain(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }
}
