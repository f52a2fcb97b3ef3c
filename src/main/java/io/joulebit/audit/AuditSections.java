package io.joulebit.audit;

import io.joulebit.thermo.Amortization;
import io.joulebit.thermo.Figure;
import io.joulebit.thermo.Flag;
import io.joulebit.thermo.ThermoFigures;
import io.joulebit.thermo.ThermoInputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The figure tables of an {@link Audit}, in report order: totals, IC-1 capacity, structural information and the
 * reporting fields ({@link StructuralSections}), Landauer, carbon, cost, break-even
 * (then {@link FitSections}). Every number comes from thermo's figures at the measured energy; ranges come from the
 * same figures at both ends of the energy range.
 */
public final class AuditSections {
    public static final String TOTALS = "totals", CAPACITY = "capacity", LANDAUER = "landauer", CARBON = "carbon",
            COST = "cost", BREAKEVEN = "breakeven";

    private final Audit a;
    private final ThermoFigures f;

    private AuditSections(Audit audit) {
        this.a = audit;
        this.f = audit.figures();
    }

    public static List<Section> of(Audit audit) {
        AuditSections s = new AuditSections(audit);
        List<Section> out = new ArrayList<>(List.of(s.totals(), s.capacity()));
        out.addAll(StructuralSections.of(audit)); // beside IC-1: the figure that needs no baseline
        out.addAll(List.of(s.landauer(), s.carbon(), s.cost(), s.breakeven()));
        out.addAll(FitSections.of(audit));
        return out;
    }

    private Section totals() {
        RunTotals t = a.totals();
        List<FigureRow> rows = new ArrayList<>();
        rows.add(FigureRow.of("elapsed_seconds", "elapsed time", "s", opt(t.elapsedSeconds(), "no_elapsed")));
        rows.add(FigureRow.of("steps", "training steps", "", t.checkpoint().map(c -> Amount.of(c.steps()))
                .orElse(Amount.absent("no_checkpoint"))));
        rows.add(FigureRow.of("tokens", "tokens D", "tokens", tokens()));
        Amount it = opt(t.itEnergyJoules(), Flag.NO_ENERGY.label());
        rows.add(FigureRow.ranged("it_energy_joules", "IT energy (sum of devices)", "J", it,
                opt(a.energy().lowJoules()), opt(a.energy().highJoules()), a.energy().absentReason()));
        rows.add(FigureRow.of("pue", "PUE", "", Amount.of(t.pue())));
        rows.add(ranged("energy_joules", "energy E = IT × PUE (used by every figure)", "J",
                ThermoFigures::energyJoules));
        rows.add(ranged("average_power_watts", "average power", "W", ThermoFigures::averagePowerWatts));
        rows.add(ranged("energy_per_token_joules", "energy per token", "J/token",
                ThermoFigures::energyPerTokenJoules));
        rows.add(ranged("tokens_per_joule", "tokens per joule", "tokens/J", ThermoFigures::tokensPerJoule));
        rows.add(FigureRow.of("loss_bits", "smoothed loss L̄", "bits/token", Amount.of(f.lossBits())));
        String method = t.checkpoint().map(c -> c.baselineMethod()).filter(m -> !m.isEmpty()).orElse("unknown");
        rows.add(FigureRow.of("baseline_bits", "baseline entropy H (" + method + ")", "bits/token",
                Amount.of(f.baselineBits())));
        return new Section(TOTALS, "Totals", rows, List.of("E is facility energy (IT energy × PUE); every figure"
                + " below uses it. Ranges come from the energy uncertainty (see Uncertainty)."));
    }

    private Section capacity() {
        ThermoInputs in = a.totals().inputs();
        Amount params = in.params().isPresent() ? Amount.of(in.params().getAsLong()) : Amount.absent("no_params");
        List<FigureRow> rows = new ArrayList<>();
        rows.add(FigureRow.of("delta_bits_per_token", "loss decrease ΔH = H − L̄", "bits/token",
                Amount.of(f.deltaBitsPerToken())).withFlags(warn(Flag.LOSS_ABOVE_BASELINE)));
        rows.add(FigureRow.of("transferred_information_bits", "transferred information I = D·ΔH", "bits",
                Amount.of(f.informationBits())));
        rows.add(FigureRow.of("model_bits", "model term M (" + in.modelTerm().kind().name().toLowerCase() + ")",
                "bits", Amount.of(f.modelBits())));
        rows.add(FigureRow.of("information_bits", "net information B = I − M", "bits",
                Amount.of(f.netInformationBits())));
        rows.add(FigureRow.of("params", "parameters N_params", "", params));
        rows.add(FigureRow.of("bits_per_param", "storage bits per parameter b", "bits", Amount.of(in.bitsPerParam())));
        rows.add(FigureRow.of("model_size_bits", "model size N_bits = N_params·b", "bits",
                params.map(p -> p * in.bitsPerParam())));
        rows.add(FigureRow.of("information_capacity_ratio", "IC-1 capacity η = I / N_bits", "",
                Amount.of(f.informationCapacityRatio())));
        rows.add(FigureRow.of("information_bits_per_parameter", "bits per parameter i_p = I / N_params",
                "bits/param", Amount.of(f.informationBitsPerParameter())));
        return new Section(CAPACITY, "IC-1 information capacity", rows,
                List.of("η > 1 is normal for small models trained on many tokens; it is not clamped.",
                        "I depends on the baseline H; structural information S (next table) does not."));
    }

    private Section landauer() {
        List<FigureRow> rows = new ArrayList<>();
        rows.add(FigureRow.of("temperature_kelvin", "reservoir temperature T", "K",
                Amount.of(f.temperatureKelvin())));
        rows.add(FigureRow.of("landauer_min_energy_joules", "Landauer minimum E_min = max(0,B)·k_B·T·ln 2", "J",
                Amount.of(f.landauerMinEnergyJoules())));
        rows.add(ranged("energy_per_bit_joules", "energy per bit C = E / B", "J/bit",
                ThermoFigures::energyPerBitJoules));
        rows.add(ranged("landauer_efficiency_ratio", "Landauer efficiency η_D = E_min / E", "",
                ThermoFigures::landauerEfficiencyRatio).withFlags(warn(Flag.LANDAUER_UNIT_SUSPECT)));
        rows.add(ranged("landauer_multiple", "Landauer multiple C / (k_B·T·ln 2)", "",
                ThermoFigures::landauerMultiple));
        rows.add(ranged("entropy_production_watts_per_kelvin", "entropy production σ = P / T_amb", "W/K",
                ThermoFigures::entropyProductionWattsPerKelvin));
        return new Section(LANDAUER, "Landauer figures", rows,
                List.of("C · η_D = k_B·T·ln 2 holds on every line; real runs sit near η_D ≈ 1e-17…1e-21."));
    }

    private Section carbon() {
        OptionalDouble g = a.settings().gramsPerKwh();
        List<FigureRow> rows = new ArrayList<>();
        rows.add(FigureRow.of("grid_intensity_g_per_kwh", "grid intensity", "gCO2e/kWh",
                opt(g, EnergyPrice.NO_INTENSITY)));
        rows.add(rangedAmount("energy_kwh", "energy E", "kWh",
                x -> EnergyPrice.kilowattHours(Amount.of(x.energyJoules()))));
        rows.add(rangedAmount("carbon_grams", "carbon", "gCO2e",
                x -> EnergyPrice.carbonGrams(Amount.of(x.energyJoules()), g)));
        return new Section(CARBON, "Carbon", rows, List.of("Carbon = E [kWh] × grid intensity (--grid-intensity)."));
    }

    private Section cost() {
        OptionalDouble p = a.settings().pricePerKwh();
        List<FigureRow> rows = new ArrayList<>();
        rows.add(FigureRow.of("price_per_kwh", "price per kWh", "currency/kWh", opt(p, EnergyPrice.NO_PRICE)));
        rows.add(rangedAmount("cost", "energy cost", "currency",
                x -> EnergyPrice.cost(Amount.of(x.energyJoules()), p)));
        return new Section(COST, "Cost", rows, List.of("Cost = E [kWh] × price (--price), in your currency."));
    }

    private Section breakeven() {
        List<FigureRow> rows = new ArrayList<>();
        rows.add(FigureRow.of("flops_estimate", "training FLOPs ≈ 6·N_params·D", "FLOP",
                Amount.of(f.flopsEstimate())));
        rows.add(ranged("joules_per_flop", "energy per FLOP", "J/FLOP", ThermoFigures::joulesPerFlop));
        rows.add(ranged("inference_joules_per_token", "inference energy per token e_inf ≈ 2·N_params·(J/FLOP)",
                "J/token", ThermoFigures::inferenceJoulesPerToken));
        rows.add(ranged("breakeven_inference_tokens", "break-even inference tokens N* = E / e_inf", "tokens",
                ThermoFigures::breakevenInferenceTokens));
        rows.add(rangedAmount("amortized_joules_per_token_at_breakeven", "amortized J/token after N* tokens",
                "J/token", x -> amortized(x, 1)));
        rows.add(rangedAmount("amortized_joules_per_token_at_10x_breakeven", "amortized J/token after 10·N* tokens",
                "J/token", x -> amortized(x, 10)));
        return new Section(BREAKEVEN, "Training vs inference break-even", rows, List.of("e_inf is estimated from"
                + " the training J/FLOP (2 FLOPs per parameter per token); after N* inference tokens inference has"
                + " used as much energy as training."));
    }

    private static Amount amortized(ThermoFigures x, long times) {
        if (!x.breakevenInferenceTokens().present()) return Amount.of(x.breakevenInferenceTokens());
        long n = Math.round(times * x.breakevenInferenceTokens().value());
        return Amount.of(Amortization.amortizedJoulesPerToken(x.energyJoules().orElse(Double.NaN),
                x.inferenceJoulesPerToken().orElse(Double.NaN), n));
    }

    private FigureRow ranged(String key, String label, String unit, Function<ThermoFigures, Figure> figure) {
        return rangedAmount(key, label, unit, x -> Amount.of(figure.apply(x)));
    }

    /** The figure at the measured energy, ranged by the same figure at the low and high energy. */
    private FigureRow rangedAmount(String key, String label, String unit, Function<ThermoFigures, Amount> figure) {
        return FigureRow.ranged(key, label, unit, figure.apply(f), a.atLowEnergy().map(figure),
                a.atHighEnergy().map(figure), a.energy().absentReason());
    }

    private List<String> warn(Flag flag) { return f.flags().contains(flag) ? List.of(flag.label()) : List.of(); }

    private Amount tokens() {
        return a.totals().tokens().isPresent() ? Amount.of(a.totals().tokens().getAsLong())
                : Amount.absent(Flag.NO_TOKENS.label());
    }

    static Amount opt(OptionalDouble v, String reason) {
        return v.isPresent() ? Amount.of(v.getAsDouble()) : Amount.absent(reason);
    }

    private static Optional<Amount> opt(OptionalDouble v) {
        return v.isPresent() ? Optional.of(Amount.of(v.getAsDouble())) : Optional.empty();
    }
}
