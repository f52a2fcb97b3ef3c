package io.joulebit.cli;

import io.joulebit.run.DeviceReading;
import io.joulebit.run.RunSnapshot;
import io.joulebit.thermo.Figure;

import java.io.PrintWriter;
import java.util.Locale;

/** The end-of-run summary a person reads: totals, per-device energy with its method, and the figures. */
final class SummaryTable {
    private SummaryTable() {}

    static void print(PrintWriter out, RunSnapshot s) {
        var f = s.figures();
        var p = s.progress();
        out.println();
        out.printf(Locale.ROOT, "joulebit summary: run %s (%.1f s)%n", s.runId(), s.elapsedSeconds());
        row(out, "steps", Long.toString(p.trainSteps()), "");
        row(out, "tokens", p.tokens().isPresent() ? String.format(Locale.ROOT, "%,d", p.tokens().getAsLong()) : "-",
                "tokens (" + s.tokenOrigin().label() + ")");
        for (DeviceReading d : s.devices()) {
            row(out, "energy " + d.device(), String.format(Locale.ROOT, "%.2f", d.energyJoules()),
                    "J (" + d.source() + ", " + d.quality().label() + ")");
        }
        row(out, "energy", StatusLine.num(f.energyJoules(), "%.2f"), "J (" + s.energyScope() + ")");
        row(out, "baseline H", StatusLine.num(f.baselineBits(), "%.4f"), "bits/token (" + s.baselineMethod() + ")");
        row(out, "loss L-bar", StatusLine.num(f.lossBits(), "%.4f"), "bits/token (smoothed)");
        row(out, "information", sci(f.netInformationBits()), "bits");
        row(out, "IC-1 capacity", sci(f.informationCapacityRatio()), "(I / N_bits)");
        row(out, "bits/parameter", sci(f.informationBitsPerParameter()), "bits");
        row(out, "energy per bit", sci(f.energyPerBitJoules()), "J/bit");
        row(out, "structural info S", sci(f.structuralInformationBits()), "bits (no baseline)");
        row(out, "prequential info", sci(f.prequentialInformationBits()), "bits (I_preq + S = W (H - L-bar))");
        row(out, "J per structural bit", sci(f.energyPerStructuralBitJoules()), "J/bit (E / S)");
        p.curve().ifPresent(c -> row(out, "structural horizon", String.format(Locale.ROOT, "%,d", c.windowTokens()),
                String.format(Locale.ROOT, "tokens %,d..%,d, %d resumes", c.firstTokens(), c.lastTokens(),
                        c.resumes())));
        row(out, "energy per token", sci(f.energyPerTokenJoules()), "J/token");
        row(out, "Landauer minimum", sci(f.landauerMinEnergyJoules()), "J at " + StatusLine.num(f.temperatureKelvin(),
                "%.2f") + " K");
        row(out, "Landauer efficiency", sci(f.landauerEfficiencyRatio()), "(E_min / E)");
        row(out, "average power", StatusLine.num(f.averagePowerWatts(), "%.2f"), "W");
        if (!s.flags().isEmpty()) {
            row(out, "flags", String.join(", ", s.flags().stream().map(x -> x.label()).sorted().toList()), "");
        }
        out.flush();
    }

    private static String sci(Figure f) { return StatusLine.num(f, "%.4e"); }

    private static void row(PrintWriter out, String name, String value, String unit) {
        out.printf(Locale.ROOT, "  %-20s %16s  %s%n", name, value, unit);
    }
}
