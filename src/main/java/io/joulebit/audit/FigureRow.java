package io.joulebit.audit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One figure of the report: machine key, human label, unit, value and — where the energy's uncertainty carries into
 * it — its range. Rendered as a table row (HTML, Markdown) and as a JSON object.
 *
 * @param unit  "" for dimensionless figures and counts
 * @param low   lower end of the range; empty when the figure carries no energy uncertainty
 * @param flags warnings about a present value (e.g. landauer_unit_suspect)
 */
public record FigureRow(String key, String label, String unit, Amount value, Optional<Amount> low,
                        Optional<Amount> high, List<String> flags) {
    public FigureRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        flags = List.copyOf(flags);
    }

    public static FigureRow of(String key, String label, String unit, Amount value) {
        return new FigureRow(key, label, unit, value, Optional.empty(), Optional.empty(), List.of());
    }

    /** value with the range spanned by the two bounds (ordered: a figure may fall as energy rises). */
    public static FigureRow ranged(String key, String label, String unit, Amount value, Optional<Amount> a,
                                   Optional<Amount> b, String rangeReason) {
        if (a.isEmpty() || b.isEmpty() || !a.get().present() || !b.get().present()) {
            String why = a.isPresent() && !a.get().present() ? a.get().reason() : rangeReason;
            Amount none = Amount.absent(why.isEmpty() ? "no_range" : why);
            return new FigureRow(key, label, unit, value, Optional.of(none), Optional.of(none), List.of());
        }
        double x = a.get().value();
        double y = b.get().value();
        return new FigureRow(key, label, unit, value, Optional.of(Amount.of(Math.min(x, y))),
                Optional.of(Amount.of(Math.max(x, y))), List.of());
    }

    public FigureRow withFlags(List<String> f) { return new FigureRow(key, label, unit, value, low, high, f); }
}
