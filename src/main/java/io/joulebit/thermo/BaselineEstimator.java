package io.joulebit.thermo;

import java.util.Optional;

/**
 * Initial-loss baseline over a stream: H = mean of L over the first K finite points (default K = 1), then fixed.
 * Not thread-safe; one per run.
 */
public final class BaselineEstimator {
    public static final int DEFAULT_POINTS = 1;

    private final int points;
    private int seen;
    private double sumBits;
    private Baseline baseline;

    public BaselineEstimator() {
        this(DEFAULT_POINTS);
    }

    public BaselineEstimator(int points) {
        if (points < 1) {
            throw new IllegalArgumentException("initial-loss points must be >= 1: " + points);
        }
        this.points = points;
    }

    /**
     * Offers a loss in bits; non-finite losses are ignored. The baseline ({@link #baseline}) is set once K points were
     * seen. Returns nothing: no optional per point on a replay's hot path.
     */
    public void add(double lossBits) {
        if (baseline == null && Double.isFinite(lossBits)) {
            sumBits += lossBits;
            seen++;
            if (seen == points) {
                baseline = Baseline.initialLoss(sumBits / points);
            }
        }
    }

    public Optional<Baseline> baseline() {
        return Optional.ofNullable(baseline);
    }

    public int pointsSeen() {
        return seen;
    }
}
