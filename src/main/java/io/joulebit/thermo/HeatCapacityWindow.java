package io.joulebit.thermo;

import java.util.Optional;

/**
 * Tumbling windows of W points (default 32) turned into {@link HeatCapacity}: least-squares detrend of loss vs
 * step, s² = Σ r² / (n − 2) over the n valid points (n = W when all are valid), C_L = s² / T_eff². C_L is null when
 * T_eff = 0, when fewer than 0.8·W points are valid, or when T_eff (lr, or batch size) changes by more than 10 %
 * inside the window. Feed the loss in nats, as logged. Not thread-safe.
 */
public final class HeatCapacityWindow {
    public static final int DEFAULT_SIZE = 32;
    static final double MIN_VALID_FRACTION = 0.8;
    static final double MAX_TEMPERATURE_CHANGE = 0.10;

    private final int size;
    private final EffectiveTemperature.Optimizer optimizer;
    private final double momentum;
    private final long[] steps;
    private final double[] losses;
    private final double[] temperatures;
    private int count;

    public HeatCapacityWindow(EffectiveTemperature.Optimizer optimizer) {
        this(DEFAULT_SIZE, optimizer, 0);
    }

    public HeatCapacityWindow(int size, EffectiveTemperature.Optimizer optimizer, double momentum) {
        if (size < 3) {
            throw new IllegalArgumentException("window must hold >= 3 points: " + size);
        }
        this.size = size;
        this.optimizer = optimizer;
        this.momentum = momentum;
        this.steps = new long[size];
        this.losses = new double[size];
        this.temperatures = new double[size];
    }

    /** Adds a point (any value; invalid ones count toward W). Returns the evaluated window every W points. */
    public Optional<HeatCapacity> add(long step, double lossNats, double learningRate, double batchSequences) {
        steps[count] = step;
        losses[count] = lossNats;
        temperatures[count] = EffectiveTemperature.of(optimizer, learningRate, batchSequences, momentum)
                .orElse(Double.NaN);
        if (++count < size) {
            return Optional.empty();
        }
        count = 0;
        return Optional.of(evaluate(steps, losses, temperatures));
    }

    /** Evaluates one full window; temperatures are per-point T_eff (NaN where unknown). */
    public static HeatCapacity evaluate(long[] steps, double[] lossNats, double[] temperatures) {
        int w = steps.length;
        int n = 0;
        double sx = 0, sy = 0, tSum = 0, tMin = Double.POSITIVE_INFINITY, tMax = 0;
        for (int i = 0; i < w; i++) {
            if (valid(lossNats[i], temperatures[i])) {
                n++;
                sx += steps[i] - steps[0];
                sy += lossNats[i];
                tSum += temperatures[i];
                tMin = Math.min(tMin, temperatures[i]);
                tMax = Math.max(tMax, temperatures[i]);
            }
        }
        if (n < MIN_VALID_FRACTION * w || n < 3) {
            Figure few = Figure.absent(Flag.TOO_FEW_POINTS);
            return new HeatCapacity(steps[0], steps[w - 1], n, few, few, few);
        }
        Figure variance = Figure.of(residualVariance(steps, lossNats, temperatures, n, sx / n, sy / n));
        Figure temperature = Figure.of(tSum / n);
        Figure capacity;
        if (tMax > tMin * (1 + MAX_TEMPERATURE_CHANGE)) {
            capacity = Figure.absent(Flag.LR_CHANGED);
        } else if (tMax == 0) {
            capacity = Figure.absent(Flag.ZERO_TEMPERATURE);
        } else {
            capacity = Thermo.div(variance, temperature.map(t -> t * t), Flag.ZERO_TEMPERATURE);
        }
        return new HeatCapacity(steps[0], steps[w - 1], n, variance, temperature, capacity);
    }

    private static double residualVariance(long[] steps, double[] y, double[] temps, int n, double mx, double my) {
        double sxy = 0, sxx = 0;
        for (int i = 0; i < steps.length; i++) {
            if (valid(y[i], temps[i])) {
                double dx = steps[i] - steps[0] - mx;
                sxy += dx * (y[i] - my);
                sxx += dx * dx;
            }
        }
        double slope = sxx > 0 ? sxy / sxx : 0;
        double ss = 0;
        for (int i = 0; i < steps.length; i++) {
            if (valid(y[i], temps[i])) {
                double r = y[i] - my - slope * (steps[i] - steps[0] - mx);
                ss += r * r;
            }
        }
        return ss / (n - 2);
    }

    private static boolean valid(double loss, double temperature) {
        return Double.isFinite(loss) && Double.isFinite(temperature);
    }
}
