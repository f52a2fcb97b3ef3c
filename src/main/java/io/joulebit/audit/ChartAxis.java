package io.joulebit.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One chart axis: the data range mapped to pixels, linear or log10, with readable ticks (1-2-5 steps; decades on a
 * log axis). An axis goes log on its own when every value is positive and they span at least two decades.
 */
final class ChartAxis {
    static final double DECADES_FOR_LOG = 2;

    final boolean log;
    final double min;
    final double max;

    private ChartAxis(boolean log, double min, double max) {
        this.log = log;
        this.min = min;
        this.max = max;
    }

    /** An axis over the finite values given (positive ones only on a log axis); [0, 1] when there are none. */
    static ChartAxis over(List<double[]> values, boolean allowLog) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, posLo = Double.POSITIVE_INFINITY;
        boolean allPositive = true;
        for (double[] vs : values) {
            for (double v : vs) {
                if (!Double.isFinite(v)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                if (v > 0) posLo = Math.min(posLo, v); else allPositive = false;
            }
        }
        if (lo > hi) return new ChartAxis(false, 0, 1);
        if (allowLog && allPositive && Math.log10(hi / posLo) >= DECADES_FOR_LOG) {
            return new ChartAxis(true, Math.pow(10, Math.floor(Math.log10(posLo))),
                    Math.pow(10, Math.ceil(Math.log10(hi))));
        }
        if (lo == hi) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            return new ChartAxis(false, lo - pad, hi + pad);
        }
        double step = niceStep((hi - lo) / 5);
        return new ChartAxis(false, Math.floor(lo / step) * step, Math.ceil(hi / step) * step);
    }

    /** Position in [0, 1] along the axis; NaN for values the axis cannot show (≤ 0 on a log axis). */
    double fraction(double v) {
        if (!Double.isFinite(v)) return Double.NaN;
        if (log) return v > 0 ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : Double.NaN;
        return (v - min) / (max - min);
    }

    List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        if (log) {
            int lo = (int) Math.round(Math.log10(min)), hi = (int) Math.round(Math.log10(max));
            int every = Math.max(1, (hi - lo + 7) / 8); // at most ~8 labelled decades
            for (int k = lo; k <= hi; k += every) out.add(Math.pow(10, k));
            return out;
        }
        double step = niceStep((max - min) / 5);
        for (double t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return out;
    }

    String label(double v) {
        if (log) {
            int k = (int) Math.round(Math.log10(v));
            return k >= -2 && k <= 5 ? Fmt.number(Math.pow(10, k)) : "1e" + k;
        }
        return Fmt.compact(Double.parseDouble(String.format(Locale.ROOT, "%.6g", v)));
    }

    /** 1, 2 or 5 × 10^k, the nearest at or above {@code rough}. */
    static double niceStep(double rough) {
        if (!(rough > 0) || !Double.isFinite(rough)) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(rough)));
        double m = rough / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }
}
