package io.joulebit.audit;

import io.joulebit.store.DeviceTotals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report's tables as text, in page order: the figure sections with the device and uncertainty tables. */
public final class ReportTables {
    public static final String DEVICES = "devices", UNCERTAINTY = "uncertainty";
    static final List<String> FIGURE_HEADER = List.of("figure", "value", "unit", "range (energy uncertainty)", "notes");

    private ReportTables() {}

    public static List<TextTable> of(Audit audit) {
        List<TextTable> out = new ArrayList<>();
        for (Section s : AuditSections.of(audit)) {
            out.add(figures(s));
            if (s.id().equals(AuditSections.TOTALS)) {
                out.add(devices(audit.energy()));
                out.add(uncertainty(audit.energy()));
            }
        }
        return out;
    }

    static TextTable figures(Section s) {
        List<List<String>> rows = new ArrayList<>();
        for (FigureRow r : s.rows()) {
            rows.add(List.of(r.label(), Fmt.amount(r.value()), r.unit(), Fmt.range(r), String.join(", ", r.flags())));
        }
        return new TextTable(s.id(), s.title(), FIGURE_HEADER, rows, s.notes());
    }

    static TextTable devices(EnergyRange energy) {
        List<List<String>> rows = new ArrayList<>();
        for (EnergyRange.Device d : energy.devices()) {
            DeviceTotals t = d.totals();
            String band = d.band().isPresent() ? "±" + Fmt.percent(d.band().getAsDouble()) : "not a measurement";
            String lo = d.lowJoules().isPresent() ? Fmt.number(d.lowJoules().getAsDouble()) : "—";
            String hi = d.highJoules().isPresent() ? Fmt.number(d.highJoules().getAsDouble()) : "—";
            rows.add(List.of(t.device(), t.kind(), t.source(), t.quality(), d.method(), Fmt.number(t.energyJoules()),
                    band, lo, hi, Fmt.number(t.uncoveredSeconds())));
        }
        List<String> notes = new ArrayList<>();
        if (rows.isEmpty()) notes.add("No device energy was recorded.");
        notes.add("IT energy per device as of the last checkpoint. Uncovered time: gaps longer than max_gap that were"
                + " not integrated; the high bound adds them at the device's mean power.");
        return new TextTable(DEVICES, "Energy per device", List.of("device", "kind", "source", "quality", "method",
                "energy (J)", "band", "low (J)", "high (J)", "uncovered (s)"), rows, notes);
    }

    static TextTable uncertainty(EnergyRange energy) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Double> b : EnergyRange.BANDS.entrySet()) {
            rows.add(List.of(b.getKey(), "±" + Fmt.percent(b.getValue()), EnergyRange.method(b.getKey())));
        }
        rows.add(List.of(EnergyRange.SIMULATED, "none", "synthetic power: not a measurement, no range"));
        String combined = energy.lowJoules().isPresent()
                ? "IT energy range: " + Fmt.number(energy.lowJoules().getAsDouble()) + " … "
                        + Fmt.number(energy.highJoules().getAsDouble()) + " J."
                : "IT energy range: none (" + energy.absentReason() + ").";
        return new TextTable(UNCERTAINTY, "Uncertainty", List.of("quality", "band", "meaning"), rows, List.of(
                "Each device's energy gets the band of its source quality; unknown qualities count as estimated.",
                "Devices combine linearly (sum of lows, sum of highs): same-kind sensors share systematic errors.",
                "Uncovered time widens only the upper bound (uncovered seconds × the device's mean power).",
                "The range is carried through thermo into every energy-dependent figure (J/bit, η_D, carbon, cost).",
                combined));
    }
}
