package io.joulebit.demo.grok;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * One panel of {@link GrokkingChart}: collects series, ticks and markers, then draws them in {@link #frame} once
 * the y range is known (log10 scale for losses and C_L; non-finite or non-positive values are gaps there).
 */
final class Panel {
    static final int HEIGHT = 200;
    static final int LEFT = 70;
    static final int WIDTH = 900;

    private final StringBuilder out;
    private final DoubleUnaryOperator x;
    private final int top;
    private final String title;
    private final boolean log;
    private final List<Runnable> draw = new ArrayList<>();
    private double lo = Double.POSITIVE_INFINITY;
    private double hi = Double.NEGATIVE_INFINITY;
    private int legend;

    Panel(StringBuilder out, DoubleUnaryOperator x, int top, String title, boolean log) {
        this.out = out;
        this.x = x;
        this.top = top;
        this.title = title;
        this.log = log;
    }

    void range(double low, double high) { lo = low; hi = high; }

    void line(List<GrokkingPoint> pts, boolean eval, ToDoubleFunction<GrokkingPoint> f, String colour, String name) {
        List<double[]> xy = new ArrayList<>();
        pts.stream().filter(p -> p.eval() == eval).forEach(p -> xy.add(new double[] {p.step(), f.applyAsDouble(p)}));
        include(xy);
        polyline(xy, colour, name);
    }

    void include(List<double[]> xy) {
        for (double[] p : xy) {
            double v = value(p[1]);
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
    }

    void polyline(List<double[]> xy, String colour, String name) {
        int legendSlot = legend++;
        draw.add(() -> {
            StringBuilder pts = new StringBuilder();
            for (double[] p : xy) {
                double v = value(p[1]);
                if (!Double.isFinite(v)) {
                    flush(pts, colour);
                    continue;
                }
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(p[0]), y(v)));
            }
            flush(pts, colour);
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
                    WIDTH - 190, top + 14 + 14 * legendSlot, colour, name));
        });
    }

    void tick(long step, String colour, int row) {
        draw.add(() -> out.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                x.applyAsDouble(step), x.applyAsDouble(step), top + HEIGHT - 12 * (row + 1), top + HEIGHT - 12 * row,
                colour)));
    }

    void marker(long step, String name) {
        if (step < 0) {
            return;
        }
        draw.add(() -> out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" "
                + "stroke=\"#888\" stroke-dasharray=\"4 3\"/>%n<text x=\"%.1f\" y=\"%d\" fill=\"#666\">%s</text>%n",
                x.applyAsDouble(step), x.applyAsDouble(step), top, top + HEIGHT, x.applyAsDouble(step) + 3, top + 12,
                name)));
    }

    void frame(long lastStep) {
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#000\"/>%n<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", LEFT, top,
                WIDTH - LEFT - 20, HEIGHT, LEFT, top - 5, title));
        for (double v : new double[] {lo, (lo + hi) / 2, hi}) {
            String label = log ? String.format(Locale.ROOT, "1e%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 4, y(v) + 4, label));
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">step %d</text>%n",
                WIDTH - 20, top + HEIGHT + 14, lastStep));
        draw.forEach(Runnable::run);
    }

    private void flush(StringBuilder pts, String colour) {
        if (pts.length() > 0) {
            out.append(String.format("<polyline fill=\"none\" stroke=\"%s\" points=\"%s\"/>%n", colour, pts));
            pts.setLength(0);
        }
    }

    private double value(double v) {
        return log ? (v > 0 ? Math.log10(v) : Double.NaN) : v;
    }

    private double y(double v) {
        return top + HEIGHT - (HEIGHT - 4) * (v - lo) / (hi - lo) - 2;
    }
}
