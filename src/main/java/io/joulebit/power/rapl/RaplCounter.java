package io.joulebit.power.rapl;

/**
 * Turns one zone's wrapping {@code energy_uj} into a monotonic joule counter and a power figure.
 * The emitted counter starts at the first raw reading (in J) and then only grows by unwrapped deltas, so a consumer
 * never sees a wrap: a decrease is added back with {@code max_energy_range_uj} (Kepler's approach), or, when the
 * range is unknown, treated as a reset: the interval is dropped and the counter re-baselined (never invented energy).
 * Not thread-safe; one per zone, driven by the source's sampling thread.
 */
final class RaplCounter {
    /** One update: the cumulative counter, average watts over the interval (NaN on the first read or a reset). */
    record Reading(double energyJoules, double watts, Event event) {}

    enum Event { FIRST, NORMAL, WRAP, RESET }

    private final long maxRangeUj; // <= 0: unknown
    private long lastRawUj = -1;
    private long lastNanos;
    private double totalJoules;

    RaplCounter(long maxRangeUj) { this.maxRangeUj = maxRangeUj; }

    /** Nanoseconds since the previous accepted reading, or -1 before the first. */
    long nanosSinceLast(long nowNanos) { return lastRawUj < 0 ? -1 : nowNanos - lastNanos; }

    Reading update(long rawUj, long nowNanos) {
        if (lastRawUj < 0) {
            lastRawUj = rawUj;
            lastNanos = nowNanos;
            totalJoules = rawUj / 1e6;
            return new Reading(totalJoules, Double.NaN, Event.FIRST);
        }
        long deltaUj = rawUj - lastRawUj;
        Event event = Event.NORMAL;
        if (deltaUj < 0) {
            if (maxRangeUj > 0 && lastRawUj <= maxRangeUj) {
                deltaUj += maxRangeUj;
                event = Event.WRAP;
            } else {
                lastRawUj = rawUj;
                lastNanos = nowNanos;
                return new Reading(totalJoules, Double.NaN, Event.RESET);
            }
        }
        long dtNanos = nowNanos - lastNanos;
        double deltaJ = deltaUj / 1e6;
        totalJoules += deltaJ;
        lastRawUj = rawUj;
        lastNanos = nowNanos;
        double watts = dtNanos > 0 ? deltaJ / (dtNanos / 1e9) : Double.NaN;
        return new Reading(totalJoules, watts, event);
    }
}
