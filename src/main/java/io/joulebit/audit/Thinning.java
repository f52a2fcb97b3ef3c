package io.joulebit.audit;

import java.util.ArrayList;
import java.util.List;

/** Keeps charts small: at most N points per series, each the mean of the points it stands for. */
final class Thinning {
    static final int MAX_POINTS = 400;

    private Thinning() {}

    /** {x, y} with at most {@code max} points, by equal runs of consecutive points; an all-NaN run stays NaN. */
    static double[][] means(double[] x, double[] y, int max) {
        int n = x.length;
        if (n <= max) return new double[][]{x.clone(), y.clone()};
        double[] ox = new double[max], oy = new double[max];
        for (int b = 0; b < max; b++) {
            int from = (int) ((long) b * n / max), to = (int) ((long) (b + 1) * n / max);
            double[] m = mean(x, y, from, to);
            ox[b] = m[0];
            oy[b] = m[1];
        }
        return new double[][]{ox, oy};
    }

    /**
     * For a log x axis: buckets of equal width in log x (x ascending, &gt; 0), so the early points a log axis
     * spreads out survive as they are while the dense late ones are averaged.
     */
    static double[][] logMeans(double[] x, double[] y, int max) {
        int n = x.length;
        if (n <= max || !(x[0] > 0) || !(x[n - 1] > x[0])) return means(x, y, max);
        double lo = Math.log(x[0]), width = (Math.log(x[n - 1]) - lo) / max;
        List<double[]> out = new ArrayList<>();
        int from = 0;
        for (int b = 1; b <= max && from < n; b++) {
            double edge = b == max ? Double.POSITIVE_INFINITY : Math.exp(lo + b * width);
            int to = from;
            while (to < n && x[to] < edge) to++;
            if (to > from) out.add(mean(x, y, from, to));
            from = to;
        }
        double[][] r = new double[2][out.size()];
        for (int i = 0; i < out.size(); i++) {
            r[0][i] = out.get(i)[0];
            r[1][i] = out.get(i)[1];
        }
        return r;
    }

    private static double[] mean(double[] x, double[] y, int from, int to) {
        double sx = 0, sy = 0;
        int cy = 0;
        for (int i = from; i < to; i++) {
            sx += x[i];
            if (Double.isFinite(y[i])) { sy += y[i]; cy++; }
        }
        return new double[]{sx / (to - from), cy > 0 ? sy / cy : Double.NaN};
    }

    /** At most {@code max} items evenly spread by index, always keeping the last. */
    static <T> List<T> evenly(List<T> items, int max) {
        if (items.size() <= max) return items;
        List<T> out = new ArrayList<>(max);
        for (int b = 0; b < max; b++) out.add(items.get((int) ((long) (b + 1) * items.size() / max) - 1));
        return out;
    }
}
