package io.joulebit.power.nvidiasmi;

import java.time.Duration;

/** Exponential restart delay: initial, doubling per consecutive failure, capped; reset once rows flow again. */
final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private long nextNanos;

    Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + ", " + max);
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.nextNanos = initialNanos;
    }

    synchronized Duration next() {
        long d = nextNanos;
        nextNanos = d > maxNanos / 2 ? maxNanos : d * 2;
        return Duration.ofNanos(d);
    }

    synchronized void reset() { nextNanos = initialNanos; }
}
