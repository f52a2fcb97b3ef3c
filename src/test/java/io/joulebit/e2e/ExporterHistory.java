package io.joulebit.e2e;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`, in the shapes the exporters people run expose
 * (their metric names, units and label sets): dcgm-exporter's mJ energy counter and W power gauge, Kepler's
 * node CPU joule counters per RAPL zone, node_exporter's RAPL counters. Power is a known function of time, so the
 * energy of any window is known exactly: {@link #joules}.
 */
final class ExporterHistory {
    static final double SCRAPE = 15;
    private final StringBuilder out = new StringBuilder();
    private final double t0;
    private final double end;

    ExporterHistory(double t0, double end) {
        this.t0 = t0;
        this.end = end;
    }

    /** Watts of a device: base + a 15-minute swing of ±50 W. */
    static DoubleUnaryOperator power(double base, double t0) {
        return t -> base + 50 * Math.sin(2 * Math.PI * (t - t0) / 900);
    }

    /** Exact energy of {@link #power} from t0 to t. */
    static double joules(double base, double t0, double t) {
        return base * (t - t0) + 50 * 900 / (2 * Math.PI) * (1 - Math.cos(2 * Math.PI * (t - t0) / 900));
    }

    void type(String family, String type) { out.append("# TYPE ").append(family).append(' ').append(type).append('\n'); }

    /**
     * One counter series scraped every 15 s: energy since t0 times {@code scale} (mJ: 1000), restarting from zero at
     * {@code resetAt} (a driver reload; NaN for none), with no scrape inside [gapFrom, gapTo).
     */
    void counter(String name, String labels, double base, double scale, double resetAt, double gapFrom, double gapTo) {
        for (double t = t0; t <= end; t += SCRAPE) {
            if (t >= gapFrom && t < gapTo) continue;
            double e = joules(base, t0, t);
            if (t >= resetAt) e -= joules(base, t0, resetAt);
            sample(name, labels, e * scale, t);
        }
    }

    void gauge(String name, String labels, double base) {
        DoubleUnaryOperator p = power(base, t0);
        for (double t = t0; t <= end; t += SCRAPE) sample(name, labels, p.applyAsDouble(t), t);
    }

    private void sample(String name, String labels, double v, double t) {
        out.append(name).append('{').append(labels).append("} ").append(String.format(Locale.ROOT, "%.6f", v))
                .append(' ').append(String.format(Locale.ROOT, "%.3f", t)).append('\n');
    }

    String text() { return out + "# EOF\n"; }
}
