package io.joulebit.thermo;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * Phase-transition candidates from heat-capacity windows (PHYSICS.md §6): a window exceeds when
 * C_L &gt; median + 5·1.4826·MAD of the previous 20 valid windows; a run of ≥ 2 consecutive exceeding windows is one
 * candidate. No window exceeds until the history is full. A window with null C_L breaks a run and is not added to
 * the history. Heuristic: an early warning, not a proof. Not thread-safe.
 */
public final class TransitionDetector {
    public static final int DEFAULT_HISTORY = 20;
    public static final double DEFAULT_MAD_MULTIPLIER = 5.0;
    public static final int DEFAULT_CONSECUTIVE = 2;
    /** Scales the MAD to a standard deviation for normal data. */
    static final double MAD_TO_SIGMA = 1.4826;

    private final int history;
    private final double madMultiplier;
    private final int consecutive;
    private final Deque<Double> previous = new ArrayDeque<>();
    private int run;
    private double runPeak;
    private long runPeakStep;
    private long candidates;
    private OptionalLong peakStep = OptionalLong.empty();

    public TransitionDetector() {
        this(DEFAULT_HISTORY, DEFAULT_MAD_MULTIPLIER, DEFAULT_CONSECUTIVE);
    }

    public TransitionDetector(int history, double madMultiplier, int consecutive) {
        if (history < 1 || consecutive < 1 || !(madMultiplier >= 0)) {
            throw new IllegalArgumentException("history and consecutive must be >= 1, multiplier >= 0");
        }
        this.history = history;
        this.madMultiplier = madMultiplier;
        this.consecutive = consecutive;
    }

    /** Feeds one window; true while the current run of exceeding windows is a candidate. */
    public boolean accept(HeatCapacity window) {
        if (!window.heatCapacity().present()) {
            run = 0;
            return false;
        }
        double c = window.heatCapacity().value();
        boolean exceeds = previous.size() == history && c > threshold();
        previous.addLast(c);
        if (previous.size() > history) {
            previous.removeFirst();
        }
        if (!exceeds) {
            run = 0;
            return false;
        }
        if (run == 0 || c > runPeak) {
            runPeak = c;
            runPeakStep = window.lastStep();
        }
        run++;
        if (run == consecutive) {
            candidates++;
        }
        if (run >= consecutive) {
            peakStep = OptionalLong.of(runPeakStep);
        }
        return run >= consecutive;
    }

    /** Candidates seen so far (a counter). */
    public long candidates() {
        return candidates;
    }

    /** Step at the C_L peak of the latest candidate run. */
    public OptionalLong peakStep() {
        return peakStep;
    }

    /** median + k·1.4826·MAD of the history (NaN when empty: package-private, never exported). */
    double threshold() {
        double[] v = previous.stream().mapToDouble(Double::doubleValue).toArray();
        double median = median(v);
        double[] dev = Arrays.stream(v).map(x -> Math.abs(x - median)).toArray();
        return median + madMultiplier * MAD_TO_SIGMA * median(dev);
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
