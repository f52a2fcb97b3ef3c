package io.joulebit.thermo;

/** Trapezoid energy of a whole power trace; same rules as {@link TrapezoidAccumulator}. */
public final class Trapezoid {
    /** Integrated energy and the time not integrated because of gaps longer than max gap. */
    public record Result(double joules, double uncoveredSeconds) {
    }

    private Trapezoid() {
    }

    public static Result integrate(double[] tSeconds, double[] watts, double maxGapSeconds) {
        if (tSeconds.length != watts.length) {
            throw new IllegalArgumentException("times and watts differ in length: " + tSeconds.length + " vs "
                    + watts.length);
        }
        TrapezoidAccumulator acc = new TrapezoidAccumulator(maxGapSeconds);
        for (int i = 0; i < tSeconds.length; i++) {
            acc.add(tSeconds[i], watts[i]);
        }
        return new Result(acc.joules(), acc.uncoveredSeconds());
    }

    public static Result integrate(double[] tSeconds, double[] watts) {
        return integrate(tSeconds, watts, TrapezoidAccumulator.DEFAULT_MAX_GAP_SECONDS);
    }
}
