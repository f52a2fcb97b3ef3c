package io.joulebit.run;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;

/**
 * Energy bookkeeping for one device (PHYSICS.md §3). Not thread-safe: the accountant's single writer owns it.
 * Counters: delta between reads; a decrease is a wrap when the range is known, else a reset that drops only that
 * interval. Watts: trapezoid rule across dropped (NaN/negative) samples; a gap over maxGap is uncovered, not invented.
 * Resume: the first reading after a restart settles the downtime against the stored raw counter ({@link ResumeCheck}).
 */
final class DeviceEnergy {
    private final String device;
    private final DeviceKind kind;
    private final long maxGapNanos;
    private final ResumeGaps gaps;
    private CounterMark mark;            // raw counter of the last counted reading
    private CounterMark resume;          // stored raw counter awaiting the first reading after a restart
    private String source;
    private EnergyQuality quality;
    private double joules;
    private double uncoveredSeconds;
    private long resets;
    private PowerSample last;            // latest sample of any content, for the gauges
    private long lastCounterNanos = Long.MIN_VALUE;
    private double lastCounterJoules;
    private long lastWattsNanos = Long.MIN_VALUE;
    private double lastWatts;

    DeviceEnergy(PowerSample first, long maxGapNanos, ResumeGaps gaps) {
        this.gaps = gaps;
        this.device = first.device();
        this.kind = first.kind();
        this.maxGapNanos = maxGapNanos;
        this.source = first.source();
    }

    void accept(PowerSample s) {
        if (last != null && s.monoNanos() <= last.monoNanos()) return; // stale or duplicate reading
        source = s.source();
        boolean counter = s.energyJoules().isPresent() && Double.isFinite(s.energyJoules().getAsDouble());
        if (resume != null && (counter || s.hasWatts())) settleResume(s);
        if (counter) {
            acceptCounter(s, s.energyJoules().getAsDouble());
            mark = s.rawCounter().map(r -> new CounterMark(r, s.monoNanos())).orElse(null);
        } else if (s.hasWatts()) {
            acceptWatts(s);
        }
        quality = EnergyQuality.of(s.source(), lastCounterNanos != Long.MIN_VALUE);
        last = s;
    }

    private void settleResume(PowerSample s) {
        ResumeCheck.Outcome o = ResumeCheck.check(resume, s.rawCounter().orElse(null), s.monoNanos());
        resume = null;
        if (o.covered()) {
            joules += o.joules();
        } else {
            uncoveredSeconds += o.seconds();
            gaps.record(device, o.reason(), o.seconds(), "stored counter " + mark + ", now " + s.rawCounter());
        }
    }

    private void acceptCounter(PowerSample s, double counter) {
        if (lastCounterNanos != Long.MIN_VALUE) {
            double delta = counter - lastCounterJoules;
            if (delta < 0 && s.energyRangeJoules().isPresent()) {
                delta += s.energyRangeJoules().getAsDouble();
            }
            if (delta < 0) {
                resets++; // driver reload or counter reset: lose only this interval, re-baseline
                uncoveredSeconds += (s.monoNanos() - lastCounterNanos) / 1e9;
            } else {
                joules += delta;
            }
        }
        lastCounterNanos = s.monoNanos();
        lastCounterJoules = counter;
    }

    private void acceptWatts(PowerSample s) {
        if (lastWattsNanos != Long.MIN_VALUE) {
            long dt = s.monoNanos() - lastWattsNanos;
            if (dt > maxGapNanos) {
                uncoveredSeconds += dt / 1e9;
            } else {
                joules += dt / 1e9 * (s.watts() + lastWatts) / 2.0;
            }
        }
        lastWattsNanos = s.monoNanos();
        lastWatts = s.watts();
    }

    /** Count time the agent could not see (e.g. downtime before a resume) as uncovered. */
    void addUncovered(double seconds) { uncoveredSeconds += seconds; }

    /**
     * Continue from a stored total (resume); the next reading re-baselines, and with {@code counterAtStop} it first
     * adds the downtime's energy from the hardware counter (or its time as uncovered, with the reason).
     */
    void restore(PowerSample identity, double storedJoules, double storedUncoveredSeconds, CounterMark counterAtStop) {
        joules = storedJoules;
        uncoveredSeconds = storedUncoveredSeconds;
        quality = EnergyQuality.of(identity.source(), identity.energyJoules().isPresent());
        resume = counterAtStop;
        mark = counterAtStop;
    }

    /** The raw counter a checkpoint should store: the last counted reading, or the one still awaiting a resume. */
    CounterMark counterMark() { return resume != null ? resume : mark; }

    double joules() { return joules; }

    DeviceReading reading() {
        PowerSample l = last;
        return new DeviceReading(device, kind, source, quality == null ? EnergyQuality.of(source, false) : quality,
                joules, uncoveredSeconds, resets,
                l != null && l.hasWatts() ? l.watts() : Double.NaN,
                l == null ? Double.NaN : l.celsius().orElse(Double.NaN),
                l == null ? Double.NaN : l.utilization().orElse(Double.NaN),
                l == null ? Double.NaN : l.powerLimitWatts().orElse(Double.NaN));
    }
}
