package io.joulebit.audit;

import io.joulebit.store.Checkpoint;
import io.joulebit.store.PowerRow;
import io.joulebit.thermo.Figure;
import io.joulebit.thermo.ThermoFigures;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The report's five charts: loss (bits) vs tokens with the fit and target, power per device, cumulative energy,
 * J/bit and Landauer efficiency over time (the last three with their uncertainty range, dashed). Time is since the
 * run started, in s, min or h by the run's length. Per-checkpoint figures come from thermo like the totals.
 */
public final class ReportCharts {
    private final Audit audit;
    private final Instant t0;
    private final double unitSeconds;
    private final String unit;

    private ReportCharts(Audit audit) {
        this.audit = audit;
        this.t0 = audit.data().run().started().orElse(audit.data().run().created());
        double span = audit.data().last().map(c -> seconds(c.wallTime())).orElse(0.0);
        this.unitSeconds = span > 7200 ? 3600 : span > 120 ? 60 : 1;
        this.unit = span > 7200 ? "h" : span > 120 ? "min" : "s";
    }

    /** The charts as SVG fragments, in page order. */
    public static List<String> render(Audit audit) {
        ReportCharts c = new ReportCharts(audit);
        List<CheckpointPoint> points = c.checkpointPoints();
        return List.of(c.loss(), c.power(),
                c.overTime(points, "Cumulative energy E (IT × PUE)", "energy (J)", ThermoFigures::energyJoules, false),
                c.overTime(points, "Energy per bit C = E / B", "J/bit", ThermoFigures::energyPerBitJoules, true),
                c.overTime(points, "Landauer efficiency η_D = E_min / E", "η_D",
                        ThermoFigures::landauerEfficiencyRatio, true));
    }

    private String loss() {
        LossPoints lp = audit.loss();
        double[][] raw = Thinning.logMeans(lp.tokens(), lp.lossBits(), Thinning.MAX_POINTS);
        SvgChart chart = new SvgChart("Training loss vs tokens", "tokens D", "loss (bits/token)")
                .add(new SvgChart.Series("loss (" + lp.source() + ")", raw[0], raw[1], false));
        audit.fit().ifPresent(f -> {
            double to = audit.forecast().tokens().present()
                    ? Math.max(f.maxTokens(), audit.forecast().tokens().value()) : f.maxTokens();
            int n = 120;
            double[] x = new double[n], y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = f.minTokens() * Math.pow(to / f.minTokens(), i / (double) (n - 1));
                y[i] = f.lossAt(x[i]);
            }
            chart.add(new SvgChart.Series(String.format(Locale.ROOT, "fit E + A·D^-α (R² %.3f)",
                    f.rSquared()), x, y, true));
        });
        audit.settings().targetLossBits().ifPresent(t -> chart.horizontal(t, "target " + Fmt.number(t)));
        return chart.render();
    }

    private String power() {
        Map<String, List<PowerRow>> byDevice = new TreeMap<>();
        for (PowerRow r : audit.data().power()) byDevice.computeIfAbsent(r.device(), k -> new ArrayList<>()).add(r);
        SvgChart chart = new SvgChart("Power per device", "time since start (" + unit + ")", "power (W)").linearX();
        byDevice.forEach((device, rows) -> {
            double[] x = new double[rows.size()], y = new double[rows.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = seconds(rows.get(i).wallTime()) / unitSeconds;
                y[i] = rows.get(i).watts() >= 0 ? rows.get(i).watts() : Double.NaN;
            }
            double[][] t = Thinning.means(x, y, Thinning.MAX_POINTS);
            chart.add(new SvgChart.Series(device + " (" + rows.get(0).source() + ")", t[0], t[1], false));
        });
        return chart.render();
    }

    /** One checkpoint's figures at the measured energy and at both ends of its range. */
    private record CheckpointPoint(double time, ThermoFigures mid, Optional<ThermoFigures> low,
                                   Optional<ThermoFigures> high) {}

    private List<CheckpointPoint> checkpointPoints() {
        List<CheckpointPoint> out = new ArrayList<>();
        for (Checkpoint c : Thinning.evenly(audit.data().checkpoints(), Thinning.MAX_POINTS)) {
            RunTotals t = RunTotals.of(audit.data().run(), Optional.of(c));
            EnergyRange r = EnergyRange.of(c.devices().values(), t.elapsedSeconds());
            out.add(new CheckpointPoint(seconds(c.wallTime()) / unitSeconds, t.figures(),
                    r.lowJoules().isPresent() ? Optional.of(t.figuresAt(r.lowJoules().getAsDouble())) : Optional.empty(),
                    r.highJoules().isPresent() ? Optional.of(t.figuresAt(r.highJoules().getAsDouble())) : Optional.empty()));
        }
        return out;
    }

    private String overTime(List<CheckpointPoint> points, String title, String yLabel,
                            Function<ThermoFigures, Figure> figure, boolean allowLog) {
        int n = points.size();
        double[] x = new double[n], mid = new double[n], lo = new double[n], hi = new double[n];
        boolean ranged = false;
        for (int i = 0; i < n; i++) {
            CheckpointPoint p = points.get(i);
            x[i] = p.time();
            mid[i] = figure.apply(p.mid()).orElse(Double.NaN);
            double a = p.low().map(f -> figure.apply(f).orElse(Double.NaN)).orElse(Double.NaN);
            double b = p.high().map(f -> figure.apply(f).orElse(Double.NaN)).orElse(Double.NaN);
            lo[i] = Math.min(a, b);
            hi[i] = Math.max(a, b);
            ranged |= Double.isFinite(a);
        }
        SvgChart chart = new SvgChart(title, "time since start (" + unit + ")", yLabel).linearX()
                .add(new SvgChart.Series(yLabel, x, mid, false));
        if (!allowLog) chart.linearY();
        if (ranged) {
            chart.add(new SvgChart.Series("low (energy uncertainty)", x, lo, true));
            chart.add(new SvgChart.Series("high (energy uncertainty)", x, hi, true));
        }
        return chart.render();
    }

    private double seconds(Instant t) { return Duration.between(t0, t).toNanos() / 1e9; }
}
