package io.joulebit.thermo;

import java.util.EnumSet;
import java.util.OptionalDouble;

/** PHYSICS.md §2–§5 and §7 as one pure function from {@link ThermoInputs} to {@link ThermoFigures}. */
public final class Thermo {
    /** η_D above this is not physics but a unit bug (real runs sit near 1e-17…1e-21). */
    public static final double LANDAUER_SUSPECT_RATIO = 1e-6;

    private Thermo() {
    }

    public static ThermoFigures compute(ThermoInputs in) {
        EnumSet<Flag> warnings = EnumSet.noneOf(Flag.class);
        Figure temperature = Physics.validTemperature(in.temperatureKelvin())
                ? Figure.of(in.temperatureKelvin()) : Figure.absent(Flag.INVALID_TEMPERATURE);
        long d = in.tokens().orElse(-1);
        Figure tokens = d >= 0 ? Figure.of(d) : Figure.absent(Flag.NO_TOKENS);
        Figure energy = energy(in);
        Figure loss = in.lossBits().isEmpty() ? Figure.absent(Flag.NO_LOSS)
                : Figure.of(in.lossBits().getAsDouble(), Flag.NAN_LOSS);
        Figure baseline = Figure.of(in.baselineBits().orElse(Double.NaN), Flag.NO_BASELINE);
        long n = in.params().orElse(0);
        Figure params = n > 0 ? Figure.of(n) : Figure.absent(Flag.NO_PARAMS);
        Figure modelSize = positive(in.bitsPerParam()) ? params.map(p -> p * in.bitsPerParam())
                : Figure.absent(Flag.NO_PARAMS);

        Figure delta = sub(baseline, loss);
        if (delta.present() && delta.value() < 0) {
            warnings.add(Flag.LOSS_ABOVE_BASELINE);
        }
        Figure info = mul(tokens, delta);
        Figure model = tokens.present() ? in.modelTerm().bits(d, modelSize) : tokens;
        Figure net = sub(info, model);
        Figure capacity = div(info, modelSize, Flag.NO_PARAMS);
        Figure perParam = div(info, params, Flag.NO_PARAMS);

        Figure landauerBit = temperature.map(Physics::landauerJoulesPerBit);
        Figure minEnergy = mul(net.map(b -> Math.max(0, b)), landauerBit);
        Figure efficiency = div(minEnergy, energy, Flag.NO_ENERGY);
        if (efficiency.present() && efficiency.value() > LANDAUER_SUSPECT_RATIO) {
            warnings.add(Flag.LANDAUER_UNIT_SUSPECT);
        }
        Figure perBit = energyPerBit(energy, net);
        Figure multiple = div(perBit, landauerBit, Flag.INVALID_TEMPERATURE);

        Figure perToken = div(energy, tokens, Flag.NO_TOKENS);
        Figure tokensPerJoule = div(tokens, energy, Flag.NO_ENERGY);
        Figure flops = mul(params.map(p -> 6 * p), tokens);
        Figure joulesPerFlop = div(energy, flops, Flag.NO_TOKENS);
        Figure inference = inferenceJoulesPerToken(in.inferenceJoulesPerToken(), params, joulesPerFlop);
        Figure breakeven = div(energy, inference, Flag.NO_ENERGY);
        double elapsed = in.elapsedSeconds().orElse(Double.NaN);
        Figure power = elapsed > 0 && Double.isFinite(elapsed) ? energy.map(e -> e / elapsed)
                : Figure.absent(Flag.NO_ELAPSED);
        Figure ambient = Physics.validTemperature(in.ambientKelvin())
                ? Figure.of(in.ambientKelvin()) : Figure.absent(Flag.INVALID_TEMPERATURE);
        Figure entropyProduction = div(power, ambient, Flag.INVALID_TEMPERATURE);
        Structural.Figures structural = Structural.compute(in.prequential(), loss, baseline, energy);

        Figure[] all = {energy, loss, baseline, delta, info, model, net, capacity, perParam, minEnergy, efficiency,
                perBit, multiple, perToken, tokensPerJoule, flops, joulesPerFlop, inference, breakeven, power,
                entropyProduction, temperature, structural.structuralBits(), structural.prequentialBits(),
                structural.energyPerStructuralBitJoules()};
        EnumSet<Flag> flags = warnings; // a fresh local set: no copy needed
        for (Figure f : all) {
            if (!f.present()) {
                flags.add(f.reason());
            }
        }
        return new ThermoFigures(energy, loss, baseline, delta, info, model, net, capacity, perParam, minEnergy,
                efficiency, perBit, multiple, perToken, tokensPerJoule, flops, joulesPerFlop, inference, breakeven,
                power, entropyProduction, temperature, structural.structuralBits(), structural.prequentialBits(),
                structural.energyPerStructuralBitJoules(), flags);
    }

    private static Figure energy(ThermoInputs in) {
        double it = in.itEnergyJoules().orElse(Double.NaN);
        if (!(it >= 0) || !positive(in.pue())) {
            return Figure.absent(Flag.NO_ENERGY);
        }
        return Figure.of(it * in.pue());
    }

    /** C = E / B: undefined for B ≤ 0 (nothing learned, or a spike) and for E = 0. */
    private static Figure energyPerBit(Figure energy, Figure net) {
        if (!energy.present()) {
            return energy;
        }
        if (!net.present()) {
            return net;
        }
        if (net.value() <= 0) {
            return Figure.absent(Flag.NONPOSITIVE_BITS);
        }
        return energy.value() > 0 ? Figure.of(energy.value() / net.value()) : Figure.absent(Flag.NO_ENERGY);
    }

    private static Figure inferenceJoulesPerToken(OptionalDouble given, Figure params, Figure joulesPerFlop) {
        if (given.isPresent()) {
            return positive(given.getAsDouble()) ? Figure.of(given.getAsDouble()) : Figure.absent(Flag.NO_ENERGY);
        }
        return mul(params.map(p -> 2 * p), joulesPerFlop);
    }

    private static boolean positive(double x) {
        return x > 0 && Double.isFinite(x);
    }

    static Figure sub(Figure a, Figure b) {
        if (!a.present()) {
            return a;
        }
        return b.present() ? Figure.of(a.value() - b.value()) : b;
    }

    static Figure mul(Figure a, Figure b) {
        if (!a.present()) {
            return a;
        }
        return b.present() ? Figure.of(a.value() * b.value()) : b;
    }

    /** a / b, absent with ifZero when b = 0 (never ±Inf, never NaN). */
    static Figure div(Figure a, Figure b, Flag ifZero) {
        if (!a.present()) {
            return a;
        }
        if (!b.present()) {
            return b;
        }
        return b.value() == 0 ? Figure.absent(ifZero) : Figure.of(a.value() / b.value());
    }
}
