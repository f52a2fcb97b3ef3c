package io.joulebit.audit;

import io.joulebit.store.Checkpoint;
import io.joulebit.store.CheckpointKey;
import io.joulebit.thermo.Figure;
import io.joulebit.thermo.Flag;
import io.joulebit.thermo.PrequentialCurve;
import io.joulebit.thermo.ThermoFigures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The report's second "bits learned" beside IC-1 — structural information S, E/S and the prequential I_preq
 * (PHYSICS.md §2) with how to read them — and the reporting fields that make a figure per joule comparable across
 * runs: energy scope and PUE, each device's method, the power sampling rate, and the horizon of the sum.
 */
final class StructuralSections {
    static final String STRUCTURAL = "structural", REPORTING = "reporting";
    /** Checkpoint extra: the agent's achieved power sampling rate (see agent/SampleRate). */
    static final String SAMPLE_RATE = CheckpointKey.POWER_SAMPLE_RATE_HZ.key();

    private final Audit a;
    private final ThermoFigures f;

    private StructuralSections(Audit audit) {
        this.a = audit;
        this.f = audit.figures();
    }

    static List<Section> of(Audit audit) {
        StructuralSections s = new StructuralSections(audit);
        return List.of(s.structural(), s.reporting());
    }

    private Section structural() {
        List<FigureRow> rows = new ArrayList<>();
        rows.add(ranged("structural_information_bits", "structural information S = Σ ΔD·(L_k + L_{k−1})/2 − "
                + "(D_t − D_0)·L̄", "bits", ThermoFigures::structuralInformationBits));
        rows.add(ranged("energy_per_structural_bit_joules", "energy per structural bit E / S", "J/bit",
                ThermoFigures::energyPerStructuralBitJoules));
        rows.add(ranged("prequential_information_bits", "prequential information I_preq = Σ ΔD·(H − (L_k + "
                + "L_{k−1})/2)", "bits", ThermoFigures::prequentialInformationBits));
        Figure check = f.structuralInformationBits().present() && f.prequentialInformationBits().present()
                ? Figure.of(f.structuralInformationBits().value() + f.prequentialInformationBits().value())
                : Figure.absent(Flag.NO_LOSS_CURVE);
        rows.add(FigureRow.of("structural_identity_bits", "I_preq + S (= (D_t − D_0)·(H − L̄))", "bits",
                Amount.of(check)));
        return new Section(STRUCTURAL, "Structural information (no baseline)", rows, List.of(
                "How to read: IC-1's I = D·(H − L̄) and I_preq both rest on the baseline entropy H (here "
                        + method() + "); S does not — it is the area of the loss curve above the current loss, the"
                        + " code length of the tokens as the model predicted them while learning minus their code"
                        + " length under the model as it is now.",
                "A resumed or fine-tuned run has no honest initial-loss H (the model already knew something at its"
                        + " first logged loss): rely on S and E/S there, or give H as fixed/uniform before reading"
                        + " I, C, η_D or I_preq.",
                "S and I_preq do not depend on energy, so their range is the value itself; E/S carries the energy"
                        + " range. S may be negative early in a run (the smoothed L̄ lags the raw loss); it is never"
                        + " clamped, and E/S is absent until S > 0.",
                "I_preq + S = (D_t − D_0)·(H − L̄) holds on every output; D_0 is the token count at the first"
                        + " point of the sum (see Reporting fields for the horizon)."));
    }

    private Section reporting() {
        RunTotals t = a.totals();
        Optional<PrequentialCurve> curve = t.checkpoint().flatMap(Checkpoint::curve);
        List<FigureRow> rows = new ArrayList<>();
        rows.add(FigureRow.of("pue", "PUE (facility / IT energy)", "", Amount.of(t.pue())));
        Double hz = t.checkpoint().map(c -> c.extra().get(SAMPLE_RATE)).orElse(null);
        rows.add(FigureRow.of(SAMPLE_RATE, "power sampling rate (achieved, mean per device)", "Hz",
                hz == null ? Amount.absent("not_recorded") : Amount.of(hz)));
        Amount none = Amount.absent(Flag.NO_LOSS_CURVE.label());
        rows.add(FigureRow.of("horizon_first_tokens", "horizon: first token count of the sum D_0", "tokens",
                curve.map(c -> Amount.of(c.firstTokens())).orElse(none)));
        rows.add(FigureRow.of("horizon_last_tokens", "horizon: last token count of the sum D_t", "tokens",
                curve.map(c -> Amount.of(c.lastTokens())).orElse(none)));
        rows.add(FigureRow.of("horizon_window_tokens", "horizon: tokens in the sum D_t − D_0", "tokens",
                curve.map(c -> Amount.of(c.windowTokens())).orElse(none)));
        rows.add(FigureRow.of("horizon_points", "horizon: loss points summed", "",
                curve.map(c -> Amount.of(c.points())).orElse(none)));
        rows.add(FigureRow.of("horizon_resumes", "horizon: agent restarts inside the window (sum resumed)", "",
                curve.map(c -> Amount.of(c.resumes())).orElse(none)));
        List<String> notes = new ArrayList<>();
        notes.add("Energy scope: " + scope() + ". Every energy figure (C, η_D, E/S) uses this same E.");
        for (EnergyRange.Device d : a.energy().devices()) {
            notes.add("Device " + d.totals().device() + " (" + d.totals().kind() + ", " + d.totals().source() + "): "
                    + d.totals().quality() + " — " + d.method() + ".");
        }
        if (a.energy().devices().isEmpty()) notes.add("No device energy was recorded.");
        notes.add("Sampling rate: as the agent achieved it before the store thinned its journal to one row per"
                + " second; after a resume it covers the time since the resume.");
        return new Section(REPORTING, "Reporting fields (compare J per bit only when these match)", rows, notes);
    }

    /** "facility (IT energy × PUE 1.2)" or "IT energy (PUE 1)". */
    String scope() {
        double pue = a.totals().pue();
        return pue > 1 ? String.format(Locale.ROOT, "facility (IT energy × PUE %s)", Fmt.number(pue))
                : "IT energy (PUE 1)";
    }

    private String method() {
        return a.totals().checkpoint().map(Checkpoint::baselineMethod).filter(m -> !m.isEmpty()).orElse("unknown");
    }

    /** The figure at the measured energy, ranged by the same figure at the low and high energy. */
    private FigureRow ranged(String key, String label, String unit, Function<ThermoFigures, Figure> figure) {
        Function<ThermoFigures, Amount> amount = x -> Amount.of(figure.apply(x));
        return FigureRow.ranged(key, label, unit, amount.apply(f), a.atLowEnergy().map(amount),
                a.atHighEnergy().map(amount), a.energy().absentReason());
    }
}
