package io.joulebit.run;

import io.joulebit.power.RawCounter;

/**
 * Decides whether a hardware counter may cover the time the agent was down: the energy between the counter reading
 * a checkpoint stored and the first reading after the restart is added as measured only when it is the same counter
 * in the same epoch and the difference is physically possible; otherwise the downtime stays uncovered, with a reason.
 * Reasons (the {@code reason} label of joulebit_resume_gaps_total): reboot (set by the caller from the boot id),
 * no_counter, device_changed, counter_reset, negative_delta, wrap_ambiguous, over_power_limit.
 */
public final class ResumeCheck {
    /** Margin on the power bound for clock jitter between the two processes' readings. */
    private static final double SLACK_RATIO = 1.02;
    private static final double SLACK_SECONDS = 0.5;

    /** @param joules the downtime's energy when {@code reason} is null, else NaN */
    public record Outcome(double joules, double seconds, String reason) {
        public boolean covered() { return reason == null; }
    }

    private ResumeCheck() {}

    /**
     * @param stored  the counter as the checkpoint stored it, on this process's monotonic clock
     * @param now     the first reading after the restart (null when the source no longer gives a raw counter)
     */
    public static Outcome check(CounterMark stored, RawCounter now, long nowNanos) {
        double seconds = Math.max(0, (nowNanos - stored.monoNanos()) / 1e9);
        if (now == null) return gap(seconds, "no_counter");
        RawCounter was = stored.raw();
        if (!was.identity().equals(now.identity())) return gap(seconds, "device_changed");
        if (!was.epoch().equals(now.epoch())) return gap(seconds, "counter_reset");
        double maxWatts = Double.isFinite(now.maxWatts()) ? now.maxWatts() : was.maxWatts();
        double bound = Double.isFinite(maxWatts) ? maxWatts * (seconds * SLACK_RATIO + SLACK_SECONDS)
                : Double.POSITIVE_INFINITY;
        double delta = now.joules() - was.joules();
        double range = now.rangeJoules();
        if (Double.isFinite(range) && range > 0) {
            if (delta < 0) delta += range; // wrapped once at least
            // another full range would also be possible: how many wraps happened cannot be known
            if (delta + range <= bound || !Double.isFinite(bound)) return gap(seconds, "wrap_ambiguous");
        } else if (delta < 0) {
            return gap(seconds, "negative_delta");
        }
        if (delta > bound) return gap(seconds, "over_power_limit");
        return new Outcome(delta, seconds, null);
    }

    private static Outcome gap(double seconds, String reason) { return new Outcome(Double.NaN, seconds, reason); }
}
