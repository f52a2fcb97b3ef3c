package io.joulebit.thermo;

/**
 * NaN/Inf loss policy (PHYSICS.md §8): a non-finite loss is dropped and counted; 5 in a row mean the run diverged
 * ({@link Flag#DIVERGED}, latched: it stays set once reached). Not thread-safe.
 */
public final class DivergenceTracker {
    public static final int DEFAULT_LIMIT = 5;

    private final int limit;
    private long dropped;
    private int inARow;
    private boolean diverged;

    public DivergenceTracker() {
        this(DEFAULT_LIMIT);
    }

    public DivergenceTracker(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1: " + limit);
        }
        this.limit = limit;
    }

    /** True when the loss is finite and may be used; false when it was dropped. */
    public boolean accept(double loss) {
        if (Double.isFinite(loss)) {
            inARow = 0;
            return true;
        }
        dropped++;
        if (++inARow >= limit) {
            diverged = true;
        }
        return false;
    }

    public long droppedPoints() {
        return dropped;
    }

    public int consecutiveDropped() {
        return inARow;
    }

    public boolean diverged() {
        return diverged;
    }
}
