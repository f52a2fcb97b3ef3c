package io.joulebit.audit;

import io.joulebit.progress.Phase;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.StepRow;
import io.joulebit.thermo.Units;

import java.util.ArrayList;
import java.util.List;

/**
 * The training curve as (tokens, loss bits) points: the journaled train steps that carry both, or — when fewer than
 * the fit needs have tokens — the checkpoints' smoothed loss. Eval steps never enter the curve.
 *
 * @param source "steps" or "checkpoints"
 */
public record LossPoints(double[] tokens, double[] lossBits, String source) {
    public static LossPoints of(List<StepRow> steps, List<Checkpoint> checkpoints) {
        List<double[]> fromSteps = new ArrayList<>();
        for (StepRow s : steps) {
            if (s.phase() != Phase.TRAIN || s.tokens().isEmpty() || s.lossNats().isEmpty()) continue;
            double bits = Units.natsToBits(s.lossNats().getAsDouble());
            if (Double.isFinite(bits) && s.tokens().getAsLong() > 0) {
                fromSteps.add(new double[]{s.tokens().getAsLong(), bits});
            }
        }
        if (fromSteps.size() >= Forecast.MIN_POINTS) return of(fromSteps, "steps");
        List<double[]> fromCheckpoints = new ArrayList<>();
        for (Checkpoint c : checkpoints) {
            if (c.tokens().isPresent() && c.tokens().getAsLong() > 0 && Double.isFinite(c.lossBitsSmoothed())) {
                fromCheckpoints.add(new double[]{c.tokens().getAsLong(), c.lossBitsSmoothed()});
            }
        }
        return fromCheckpoints.size() > fromSteps.size() ? of(fromCheckpoints, "checkpoints") : of(fromSteps, "steps");
    }

    public int size() { return tokens.length; }

    private static LossPoints of(List<double[]> points, String source) {
        double[] d = new double[points.size()];
        double[] l = new double[points.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = points.get(i)[0];
            l[i] = points.get(i)[1];
        }
        return new LossPoints(d, l, source);
    }
}
