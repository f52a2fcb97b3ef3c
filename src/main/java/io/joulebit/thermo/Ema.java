package io.joulebit.thermo;

import java.util.OptionalDouble;

/**
 * Exponential moving average by half-life in points: alpha = 1 − 2^(−1/halfLife); the first point initializes.
 * Half-life 0 means no smoothing. Non-finite inputs are ignored (drop them upstream and count them).
 */
public final class Ema {
    public static final double DEFAULT_HALF_LIFE_POINTS = 20.0;

    private final double alpha;
    private boolean initialized;
    private double value;

    public Ema() {
        this(DEFAULT_HALF_LIFE_POINTS);
    }

    public Ema(double halfLifePoints) {
        if (!(halfLifePoints >= 0) || Double.isInfinite(halfLifePoints)) {
            throw new IllegalArgumentException("half-life must be finite and >= 0: " + halfLifePoints);
        }
        this.alpha = halfLifePoints == 0 ? 1.0 : 1.0 - Math.pow(2.0, -1.0 / halfLifePoints);
    }

    public double alpha() {
        return alpha;
    }

    /**
     * Adds a point (a non-finite one leaves the value as it was). Returns nothing: a replay adds millions, and an
     * optional per point filled the young generation before the JIT could drop it.
     */
    public void add(double x) {
        if (Double.isFinite(x)) {
            if (!initialized) {
                value = x;
                initialized = true;
            } else {
                value += alpha * (x - value);
            }
        }
    }

    public OptionalDouble value() {
        return initialized ? OptionalDouble.of(value) : OptionalDouble.empty();
    }
}
