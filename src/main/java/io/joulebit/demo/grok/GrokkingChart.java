package io.joulebit.demo.grok;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * A three-panel SVG of one grokking run, shared x axis (optimizer step): loss (log scale, train and validation),
 * accuracy, and C_L of each estimator (log scale) with its candidates as ticks. Dashed lines mark memorisation and
 * the generalisation jump. Plain SVG so the docs need no plotting library.
 */
final class GrokkingChart {
    private static final int GAP = 40;
    private static final String[] COLOURS = {"#d62728", "#1f77b4", "#2ca02c", "#9467bd"};

    private GrokkingChart() {}

    static String svg(GrokkingMeasurement m) {
        List<GrokkingPoint> pts = m.points();
        long last = pts.isEmpty() ? 1 : Math.max(1, pts.get(pts.size() - 1).step());
        DoubleUnaryOperator x = s -> Panel.LEFT + (Panel.WIDTH - Panel.LEFT - 20) * s / last;
        StringBuilder b = new StringBuilder();
        int height = 3 * (Panel.HEIGHT + GAP) + 20;
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                Panel.WIDTH, height));
        Panel loss = new Panel(b, x, 20, "loss (nats, log)", true);
        loss.line(pts, false, p -> p.loss(), "#444", "train");
        loss.line(pts, true, p -> p.loss(), "#ff7f0e", "validation");
        Panel acc = new Panel(b, x, 20 + Panel.HEIGHT + GAP, "accuracy", false);
        acc.range(0, 1);
        acc.line(pts, false, p -> p.accuracy(), "#444", "train");
        acc.line(pts, true, p -> p.accuracy(), "#ff7f0e", "validation");
        Panel heat = new Panel(b, x, 20 + 2 * (Panel.HEIGHT + GAP), "C_L (log) and candidates", true);
        for (int i = 0; i < m.probes().size(); i++) { // a panel draws in frame(), once every series is in its range
            HeatProbe h = m.probes().get(i);
            List<double[]> xy = new ArrayList<>();
            h.windows().forEach(w -> xy.add(new double[] {w.step(), w.heatCapacity()}));
            heat.include(xy);
            heat.polyline(xy, COLOURS[i], h.name);
            for (long c : h.candidates()) {
                heat.tick(c, COLOURS[i], i);
            }
        }
        for (Panel p : List.of(loss, acc, heat)) {
            p.marker(m.memorisedStep(), "memorised");
            p.marker(m.generalisedStep(), "val acc &gt; 90 %");
            p.frame(last);
        }
        return b.append("</svg>\n").toString();
    }
}
