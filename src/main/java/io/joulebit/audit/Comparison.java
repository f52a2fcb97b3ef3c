package io.joulebit.audit;

import io.joulebit.store.Checkpoint;
import io.joulebit.store.DeviceTotals;
import io.joulebit.thermo.Figure;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Runs side by side: each run's totals and figures, its loss-versus-energy curve (from its checkpoints, the same
 * stored totals the single-run audit reads), the loss each reached at the tokens all of them reached, and the energy
 * each needed to reach the best loss that the worst of them reached.
 *
 * @param equalTokens  the fewest tokens any run trained (where "loss at equal tokens" is read)
 * @param commonLoss   the worst run's best loss (bits): every run reached it
 */
public record Comparison(List<Entry> runs, OptionalDouble equalTokens, OptionalDouble commonLoss) {

    /**
     * One run of the comparison.
     *
     * @param curve     [energy J, smoothed loss bits, tokens] per checkpoint, in time order
     * @param lossAtEqualTokens    loss (bits) interpolated at {@link Comparison#equalTokens}
     * @param energyToCommonLoss   energy (J) at the first checkpoint at or below {@link Comparison#commonLoss}
     */
    public record Entry(Audit audit, List<double[]> curve, OptionalDouble lossAtEqualTokens,
                        OptionalDouble energyToCommonLoss) {
        public String id() { return audit.data().run().id(); }

        public Figure figure(String name) { return audit.figures().asMap().get(name); }
    }

    public static Comparison of(List<Audit> audits) {
        List<List<double[]>> curves = new ArrayList<>();
        double fewestTokens = Double.POSITIVE_INFINITY;
        double worstBest = Double.NEGATIVE_INFINITY;
        for (Audit a : audits) {
            List<double[]> c = curve(a.data().checkpoints());
            curves.add(c);
            double maxTokens = c.stream().mapToDouble(p -> p[2]).filter(Double::isFinite).max().orElse(Double.NaN);
            double best = c.stream().mapToDouble(p -> p[1]).filter(Double::isFinite).min().orElse(Double.NaN);
            fewestTokens = Double.isNaN(maxTokens) ? Double.NaN : Math.min(fewestTokens, maxTokens);
            worstBest = Double.isNaN(best) ? Double.NaN : Math.max(worstBest, best);
        }
        OptionalDouble equal = finite(fewestTokens);
        OptionalDouble common = finite(worstBest);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < audits.size(); i++) {
            List<double[]> c = curves.get(i);
            entries.add(new Entry(audits.get(i), c, equal.isPresent() ? lossAt(c, equal.getAsDouble()) : OptionalDouble.empty(),
                    common.isPresent() ? energyTo(c, common.getAsDouble()) : OptionalDouble.empty()));
        }
        return new Comparison(entries, equal, common);
    }

    static List<double[]> curve(List<Checkpoint> checkpoints) {
        List<double[]> out = new ArrayList<>();
        for (Checkpoint c : checkpoints) {
            double e = c.devices().values().stream().mapToDouble(DeviceTotals::energyJoules).sum();
            double tokens = c.tokens().isPresent() ? c.tokens().getAsLong() : Double.NaN;
            if (Double.isFinite(c.lossBitsSmoothed())) out.add(new double[]{e, c.lossBitsSmoothed(), tokens});
        }
        return out;
    }

    /** Loss at {@code tokens}, linear between the checkpoints around it. */
    static OptionalDouble lossAt(List<double[]> c, double tokens) {
        double[] prev = null;
        for (double[] p : c) {
            if (!Double.isFinite(p[2])) continue;
            if (p[2] >= tokens) {
                if (prev == null || p[2] == prev[2]) return OptionalDouble.of(p[1]);
                double f = (tokens - prev[2]) / (p[2] - prev[2]);
                return OptionalDouble.of(prev[1] + f * (p[1] - prev[1]));
            }
            prev = p;
        }
        return OptionalDouble.empty();
    }

    static OptionalDouble energyTo(List<double[]> c, double loss) {
        for (double[] p : c) if (p[1] <= loss) return OptionalDouble.of(p[0]);
        return OptionalDouble.empty();
    }

    private static OptionalDouble finite(double v) { return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty(); }
}
