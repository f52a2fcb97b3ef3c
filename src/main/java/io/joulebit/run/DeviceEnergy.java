package io.joulebit.run;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;

/**
 * Energy bookkeeping for one device (PHYSICS.md §3). Not thread-safe: the accountant's single writer owns it.
 * Counters: delta between reads; a decrease is a wrap when the range is known, else a reset that drops only that
 * interval. Watts: trapezoid rule across dropped (NaN/negative) samples; a gap over maxGap is uncovered, not invented.
 */
final class DeviceEnergy {
    private final String device;
    private final DeviceKind kind;
    private final long maxGapNanos;
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

    DeviceEnergy(PowerSample first, long maxGapNanos) {
        this.device = first.device();
        this.kind = first.kind();
        this.maxGapNanos = maxGapNanos;
        this.source = first.source();
    }

    void accept(PowerSample s) {
        if (last != null && s.monoNanos() <= last.monoNanos()) return; // stale or duplicate reading
        source = s.source();
        if (s.energyJoules().isPresent() && Double.isFinite(s.energyJoules().getAsDouble())) {
            acceptCounter(s, s.energyJoules().getAsDouble());
        } else if (s.hasWatts()) {
            acceptWatts(s);
        }
        quality = EnergyQuality.of(s.source(), lastCounterNanos != Long.MIN_VALUE);
        last = s;
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

    /** Continue from a stored total (resume); the next reading re-baselines. */
    void restore(PowerSample identity, double storedJoules, double storedUncoveredSeconds) {
        joules = storedJoules;
        uncoveredSeconds = storedUncoveredSeconds;
        quality = EnergyQuality.of(identity.source(), identity.energyJoules().isPresent());
    }

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
