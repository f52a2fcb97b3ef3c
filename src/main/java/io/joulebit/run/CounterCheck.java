package io.joulebit.run;

import java.util.ArrayDeque;

/**
 * Checks a hardware energy counter against the device's own integrated power instead of trusting it (PHYSICS.md §3:
 * a counter is the better figure only while it is right). Counters have been seen to freeze, read 0, or jump by more
 * than the device could draw. Two checks:
 * <ul>
 *   <li>per interval: a counter delta above {@link #SPIKE_FACTOR} × power limit × Δt is physically impossible and is
 *       never added; that interval takes the integrated power instead;</li>
 *   <li>over a rolling {@link #WINDOW_NANOS} window: when |C − W| / W (counter energy C, integrated energy W) exceeds
 *       {@link #BOUND}, the counter is distrusted and integrated power is used until the two agree within half the
 *       bound again. On distrust the window's missing energy (W − C where the counter was used, if positive) is
 *       added, so a counter frozen from the start loses nothing.</li>
 * </ul>
 * Judged only when the window holds at least {@link #MIN_SPAN_NANOS} and {@link #MIN_JOULES} of integrated energy
 * (an idle reading of a few watts says nothing about a counter). Not thread-safe: owned by {@link DeviceEnergy}.
 */
final class CounterCheck {
    static final long WINDOW_NANOS = 30_000_000_000L;
    static final long MIN_SPAN_NANOS = 5_000_000_000L;
    static final double MIN_JOULES = 10;
    static final double BOUND = 0.5;
    /** NVML and hwmon limits are enforced on ~1 s averages; 20 % above covers a transient, not a bogus jump. */
    static final double SPIKE_FACTOR = 1.2;

    private record Interval(long endNanos, long dtNanos, double counter, double integrated, boolean counted) {}

    private final ArrayDeque<Interval> window = new ArrayDeque<>();
    private boolean trusted = true;
    private double disagreement = Double.NaN;
    private long spikes;

    /**
     * One interval with both figures; returns the joules to add for it.
     *
     * @param integrated trapezoid of the watts at both ends; NaN when the device gave no watts
     * @param limitWatts the enforced power limit; NaN when unknown
     */
    double accept(long endNanos, long dtNanos, double counterDelta, double integrated, double limitWatts) {
        boolean spike = Double.isFinite(limitWatts) && limitWatts > 0
                && counterDelta > SPIKE_FACTOR * limitWatts * dtNanos / 1e9;
        if (spike) spikes++;
        if (!Double.isFinite(integrated)) return spike ? 0 : counterDelta; // nothing to compare with
        window.addLast(new Interval(endNanos, dtNanos, spike ? integrated : counterDelta, integrated, false));
        while (!window.isEmpty() && window.peekFirst().endNanos() <= endNanos - WINDOW_NANOS) window.removeFirst();
        double credit = judge(); // before choosing, so the interval that breaks trust is not taken from the counter
        boolean useCounter = trusted && !spike;
        if (useCounter) {
            Interval i = window.removeLast();
            window.addLast(new Interval(i.endNanos(), i.dtNanos(), i.counter(), i.integrated(), true));
        }
        return (useCounter ? counterDelta : integrated) + credit;
    }

    /** Re-evaluates trust over the window; returns energy credited on a switch to integrated power. */
    private double judge() {
        double c = 0, w = 0;
        long span = 0;
        for (Interval i : window) {
            c += i.counter();
            w += i.integrated();
            span += i.dtNanos();
        }
        if (span < MIN_SPAN_NANOS || w < MIN_JOULES) return 0;
        disagreement = Math.abs(c - w) / w;
        if (trusted && disagreement > BOUND) {
            trusted = false;
            double missing = 0;
            for (Interval i : window) if (i.counted()) missing += i.integrated() - i.counter();
            for (int n = window.size(); n > 0; n--) {
                Interval i = window.removeFirst();
                window.addLast(new Interval(i.endNanos(), i.dtNanos(), i.counter(), i.integrated(), false));
            }
            return Math.max(0, missing);
        }
        if (!trusted && disagreement <= BOUND / 2) trusted = true;
        return 0;
    }

    /** False while integrated power stands in for the counter. */
    boolean trusted() { return trusted; }

    /** |C − W| / W over the last window; NaN until it could be judged. */
    double disagreement() { return disagreement; }

    /** Counter deltas refused as larger than the device could draw. */
    long spikes() { return spikes; }
}
