package io.joulebit.thermo;

/**
 * Incremental trapezoid energy (PHYSICS.md §3): E = Σ (t_{i+1} − t_i)(P_i + P_{i+1})/2 on a monotonic clock.
 * NaN and negative power samples are dropped and integrated across; a sample whose time does not advance is
 * dropped; an interval longer than maxGap is not integrated but counted as uncovered time. Not thread-safe.
 */
public final class TrapezoidAccumulator {
    public static final double DEFAULT_MAX_GAP_SECONDS = 10.0;

    private final double maxGapSeconds;
    private boolean started;
    private double lastT;
    private double lastWatts;
    private double joules;
    private double uncoveredSeconds;
    private long dropped;

    public TrapezoidAccumulator() {
        this(DEFAULT_MAX_GAP_SECONDS);
    }

    public TrapezoidAccumulator(double maxGapSeconds) {
        if (!(maxGapSeconds > 0)) {
            throw new IllegalArgumentException("max gap must be > 0 s: " + maxGapSeconds);
        }
        this.maxGapSeconds = maxGapSeconds;
    }

    /** Adds a sample at tSeconds with the given power; returns joules integrated so far. */
    public double add(double tSeconds, double watts) {
        if (!Double.isFinite(tSeconds) || !Double.isFinite(watts) || watts < 0 || (started && tSeconds <= lastT)) {
            dropped++;
            return joules;
        }
        if (started) {
            double dt = tSeconds - lastT;
            if (dt > maxGapSeconds) {
                uncoveredSeconds += dt;
            } else {
                joules += dt * (watts + lastWatts) / 2;
            }
        }
        started = true;
        lastT = tSeconds;
        lastWatts = watts;
        return joules;
    }

    public double joules() {
        return joules;
    }

    public double uncoveredSeconds() {
        return uncoveredSeconds;
    }

    /** Samples dropped as NaN, negative or not advancing in time. */
    public long droppedSamples() {
        return dropped;
    }
}
