package io.joulebit.audit;

import io.joulebit.store.Checkpoint;
import io.joulebit.store.CheckpointKey;
import io.joulebit.store.DeviceTotals;
import io.joulebit.thermo.Figure;
import io.joulebit.thermo.ThermoFigures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the three reports show about one run, computed once: the totals of its latest checkpoint through
 * thermo at the measured energy and at both ends of its uncertainty range, the loss-curve fit, the forecast, and notes
 * a reader must see (simulated energy, a run still going, the agent's stored figures disagreeing with a recompute).
 */
public record Audit(RunData data, AuditSettings settings, RunTotals totals, ThermoFigures figures,
                    Optional<ThermoFigures> atLowEnergy, Optional<ThermoFigures> atHighEnergy, EnergyRange energy,
                    LossPoints loss, Optional<PowerLawFit> fit, Forecast forecast, List<String> notes) {
    /** Relative difference above which a stored agent figure is reported as disagreeing with the recompute. */
    static final double AGREE = 1e-6;

    public Audit {
        notes = List.copyOf(notes);
    }

    public static Audit of(RunData data, AuditSettings settings) {
        Optional<Checkpoint> last = data.last();
        RunTotals totals = RunTotals.of(data.run(), last);
        ThermoFigures figures = totals.figures();
        List<DeviceTotals> devices = last.map(c -> List.copyOf(c.devices().values())).orElse(List.of());
        EnergyRange energy = EnergyRange.of(devices, totals.elapsedSeconds());
        Optional<ThermoFigures> low = energy.lowJoules().isPresent()
                ? Optional.of(totals.figuresAt(energy.lowJoules().getAsDouble())) : Optional.empty();
        Optional<ThermoFigures> high = energy.highJoules().isPresent()
                ? Optional.of(totals.figuresAt(energy.highJoules().getAsDouble())) : Optional.empty();
        LossPoints loss = LossPoints.of(data.steps(), data.checkpoints());
        Optional<PowerLawFit> fit = PowerLawFit.fit(loss.tokens(), loss.lossBits());
        Amount tokens = totals.tokens().isPresent() ? Amount.of(totals.tokens().getAsLong())
                : Amount.absent("no_tokens");
        Forecast forecast = Forecast.of(fit, loss.size(), settings.targetLossBits(), tokens,
                Amount.of(figures.energyPerTokenJoules()), settings.gramsPerKwh(), settings.pricePerKwh());
        return new Audit(data, settings, totals, figures, low, high, energy, loss, fit, forecast,
                notes(data, totals, figures, energy));
    }

    /** The facility energy E (IT × PUE) every figure uses. */
    public Amount energyJoules() { return Amount.of(figures.energyJoules()); }

    private static List<String> notes(RunData data, RunTotals totals, ThermoFigures f, EnergyRange energy) {
        List<String> notes = new ArrayList<>();
        if (data.last().isEmpty()) {
            notes.add("The run has no checkpoint: no totals were recorded, so every run figure is absent.");
            return notes;
        }
        Checkpoint c = data.last().get();
        if ("imported".equals(data.run().labels().get("origin"))) notes.add(importNote(data.run().configYaml()));
        if (data.run().ended().isEmpty()) {
            notes.add("The run has no end time (still running, or the agent was stopped hard): figures are as of"
                    + " the last checkpoint, " + c.wallTime() + ".");
        }
        if ("simulated_not_a_measurement".equals(energy.absentReason())) {
            notes.add("Some energy comes from a simulated source: it is not a measurement, and no uncertainty"
                    + " range is given.");
        }
        for (EnergyRange.Device d : energy.devices()) {
            if (d.gapJoules().isEmpty()) {
                notes.add("Device " + d.totals().device() + " has uncovered time but no known elapsed time: the"
                        + " upper bound does not include its missing energy.");
            }
        }
        agree(notes, c.extra(), CheckpointKey.ENERGY_JOULES.key(), f.energyJoules(), "J");
        agree(notes, c.extra(), CheckpointKey.ENERGY_PER_BIT_JOULES.key(), f.energyPerBitJoules(), "J/bit");
        agree(notes, c.extra(), CheckpointKey.LANDAUER_EFFICIENCY_RATIO.key(), f.landauerEfficiencyRatio(), "");
        agree(notes, c.extra(), CheckpointKey.INFORMATION_BITS.key(), f.netInformationBits(), "bits");
        agree(notes, c.extra(), CheckpointKey.STRUCTURAL_INFORMATION_BITS.key(), f.structuralInformationBits(), "bits");
        agree(notes, c.extra(), CheckpointKey.ENERGY_PER_STRUCTURAL_BIT_JOULES.key(), f.energyPerStructuralBitJoules(), "J/bit");
        return notes;
    }

    /** Notes a stored agent figure that differs from the recompute (a unit bug on one side or the other). */
    /** An imported run says where its energy came from, how its window was set and how its steps were placed. */
    static String importNote(String description) {
        String window = description.contains("origin: file-times")
                ? "the log file's creation and modification times (a guess: import with --from/--to to fix it)"
                : "--from/--to";
        String energy = line(description, "energy:");
        String prometheus = line(description, "prometheus:");
        return "Imported run: energy from " + prometheus + " (" + energy + "), window from " + window + "; the log "
                + "carries no step times, so steps are placed " + line(description, "step_placement:") + " in the "
                + "window: the curves over time depend on that, the totals do not.";
    }

    private static String line(String yaml, String key) {
        for (String l : yaml.split("\n")) {
            String t = l.trim();
            if (t.startsWith(key)) return t.substring(key.length()).trim();
        }
        return "?";
    }

    private static void agree(List<String> notes, Map<String, Double> extra, String key, Figure recomputed,
                              String unit) {
        Double stored = extra.get(key);
        if (stored == null || !Double.isFinite(stored) || !recomputed.present()) return;
        double r = recomputed.value();
        if (Math.abs(stored - r) > AGREE * Math.max(Math.abs(stored), Math.abs(r))) {
            notes.add(String.format(Locale.ROOT, "The agent stored %s = %.6g %s but the totals give %.6g %s.",
                    key, stored, unit, r, unit).replace("  ", " "));
        }
    }
}
