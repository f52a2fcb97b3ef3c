package io.joulebit.cli;

import io.joulebit.run.RunSnapshot;
import io.joulebit.thermo.Figure;

import java.util.Locale;

/** The one-line live status: step, loss in bits, tokens, energy, J/bit, Landauer efficiency. */
final class StatusLine {
    private StatusLine() {}

    static String of(RunSnapshot s) {
        var p = s.progress();
        var f = s.figures();
        return String.format(Locale.ROOT, "step %6d | loss %s bits | tokens %s | energy %s J | %s J/bit | "
                        + "Landauer eff. %s | %.0f s",
                Math.max(p.lastStep(), 0), num(f.lossBits(), "%.3f"),
                p.tokens().isPresent() ? String.format(Locale.ROOT, "%,d", p.tokens().getAsLong()) : "-",
                num(f.energyJoules(), "%.1f"), num(f.energyPerBitJoules(), "%.3e"),
                num(f.landauerEfficiencyRatio(), "%.3e"), s.elapsedSeconds());
    }

    static String num(Figure f, String fmt) {
        return f.present() ? String.format(Locale.ROOT, fmt, f.value()) : "-";
    }
}
