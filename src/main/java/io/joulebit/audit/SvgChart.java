package io.joulebit.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** A line chart as inline SVG, drawn by hand (no library, no network): axes, ticks, grid, legend, gaps kept. */
public final class SvgChart {
    static final int WIDTH = 760, HEIGHT = 340, LEFT = 84, RIGHT = 16, TOP = 34, BOTTOM = 66;
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#17becf"};

    /** One line; NaN y values break it. */
    public record Series(String name, double[] x, double[] y, boolean dashed) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private OptionalDouble hLine = OptionalDouble.empty();
    private String hLineLabel = "";
    private boolean logX = true;
    private boolean logY = true;

    public SvgChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public SvgChart add(Series s) { series.add(s); return this; }

    /** A horizontal reference line (e.g. the target loss). */
    public SvgChart horizontal(double y, String label) { hLine = OptionalDouble.of(y); hLineLabel = label; return this; }

    /** Time axes stay linear whatever their span. */
    public SvgChart linearX() { logX = false; return this; }

    /** Cumulative quantities read best on a linear axis even when their early values are decades smaller. */
    public SvgChart linearY() { logY = false; return this; }

    public String render() {
        List<double[]> xs = new ArrayList<>(), ys = new ArrayList<>();
        series.forEach(s -> { xs.add(s.x()); ys.add(s.y()); });
        hLine.ifPresent(v -> ys.add(new double[]{v}));
        ChartAxis ax = ChartAxis.over(xs, logX), ay = ChartAxis.over(ys, logY);
        int pw = WIDTH - LEFT - RIGHT, ph = HEIGHT - TOP - BOTTOM;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", WIDTH, HEIGHT, WIDTH, HEIGHT, Html.esc(title)));
        sb.append("<title>").append(Html.esc(title)).append("</title>");
        sb.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" fill=\"#fff\"/>");
        text(sb, LEFT, 20, "start", "title", title);
        for (double t : ax.ticks()) {
            double px = LEFT + ax.fraction(t) * pw;
            line(sb, px, TOP, px, TOP + ph, "grid");
            text(sb, px, TOP + ph + 16, "middle", "tick", ax.label(t));
        }
        for (double t : ay.ticks()) {
            double py = TOP + ph - ay.fraction(t) * ph;
            line(sb, LEFT, py, LEFT + pw, py, "grid");
            text(sb, LEFT - 6, py + 4, "end", "tick", ay.label(t));
        }
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"frame\"/>",
                LEFT, TOP, pw, ph));
        text(sb, LEFT + pw / 2.0, TOP + ph + 34, "middle", "axis", xLabel + (ax.log ? " (log)" : ""));
        sb.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" class=\"axis\""
                + " transform=\"rotate(-90 14 %.1f)\">%s</text>", TOP + ph / 2.0, TOP + ph / 2.0,
                Html.esc(yLabel + (ay.log ? " (log)" : ""))));
        boolean any = false;
        for (int i = 0; i < series.size(); i++) {
            any |= path(sb, series.get(i), ax, ay, pw, ph, COLORS[i % COLORS.length]);
        }
        if (hLine.isPresent() && Double.isFinite(ay.fraction(hLine.getAsDouble()))) {
            double py = TOP + ph - ay.fraction(hLine.getAsDouble()) * ph;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"ref\"/>",
                    LEFT, py, LEFT + pw, py));
            text(sb, LEFT + pw - 4, py - 4, "end", "ref", hLineLabel);
        }
        if (!any) text(sb, LEFT + pw / 2.0, TOP + ph / 2.0, "middle", "empty", "no data");
        legend(sb, pw);
        return sb.append("</svg>").toString();
    }

    /** Draws a series as polylines split at gaps; false when it had no drawable point. */
    private static boolean path(StringBuilder sb, Series s, ChartAxis ax, ChartAxis ay, int pw, int ph, String color) {
        boolean drew = false;
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i <= s.x().length; i++) {
            double fx = i < s.x().length ? ax.fraction(s.x()[i]) : Double.NaN;
            double fy = i < s.x().length ? ay.fraction(s.y()[i]) : Double.NaN;
            if (Double.isFinite(fx) && Double.isFinite(fy)) {
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + fx * pw, TOP + ph - fy * ph));
                continue;
            }
            if (pts.length() > 0) {
                sb.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.6\"")
                        .append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "").append(" points=\"")
                        .append(pts.toString().trim()).append("\"/>");
                drew = true;
                pts.setLength(0);
            }
        }
        return drew;
    }

    /** One row under the x axis label, so the legend never hides a line. */
    private void legend(StringBuilder sb, int pw) {
        double x = LEFT, y = HEIGHT - 8;
        for (int i = 0; i < series.size(); i++) {
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                    + " stroke-width=\"2\"%s/>", x, y - 4, x + 22, y - 4, COLORS[i % COLORS.length],
                    series.get(i).dashed() ? " stroke-dasharray=\"6 4\"" : ""));
            text(sb, x + 28, y, "start", "legend", series.get(i).name());
            x += 28 + 6.2 * series.get(i).name().length() + 18; // ~6.2 px per character at 11 px
        }
    }

    private static void line(StringBuilder sb, double x1, double y1, double x2, double y2, String cls) {
        sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"%s\"/>",
                x1, y1, x2, y2, cls));
    }

    private static void text(StringBuilder sb, double x, double y, String anchor, String cls, String s) {
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">", x, y,
                anchor, cls)).append(Html.esc(s)).append("</text>");
    }
}
