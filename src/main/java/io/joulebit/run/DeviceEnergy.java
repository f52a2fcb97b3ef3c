package io.joulebit.run;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Energy bookkeeping for one device (PHYSICS.md §3). Not thread-safe: the accountant's single writer owns it.
 * Counters: delta between reads, checked against integrated watts ({@link CounterCheck}); a decrease is a wrap when
 * the range is known, else a reset that drops only that interval. Watts: trapezoid rule across dropped (NaN/negative)
 * samples; a gap over maxGap is uncovered, not invented. A device with no reading for longer than staleAfter is down:
 * its gauges are withdrawn, its energy stops, and the time until it reads again is uncovered.
 * Resume: the first reading after a restart settles the downtime against the stored raw counter ({@link ResumeCheck}).
 */
final class DeviceEnergy {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceEnergy.class);
    private final String device;
    private final DeviceKind kind;
    private final long maxGapNanos;
    private final CounterCheck check = new CounterCheck();
    private final ResumeGaps gaps;
    private CounterMark mark;            // raw counter of the last counted reading
    private CounterMark resume;          // stored raw counter awaiting the first reading after a restart
    private String source;
    private EnergyQuality quality;
    private double joules;
    private double uncoveredSeconds;
    private double shownUncoveredSeconds; // never export less than before (a counter never goes back)
    private long resets;
    private boolean down;
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

    void accept(PowerSample s, long staleAfterNanos) {
        if (last != null && s.monoNanos() <= last.monoNanos()) return; // stale or duplicate reading
        if (last != null && s.monoNanos() - last.monoNanos() > staleAfterNanos) {
            // Back after an outage: the time away is uncovered, whatever a counter says now.
            uncoveredSeconds = Math.max(uncoveredSeconds + (s.monoNanos() - last.monoNanos()) / 1e9,
                    shownUncoveredSeconds);
            lastCounterNanos = Long.MIN_VALUE;
            lastWattsNanos = Long.MIN_VALUE;
            if (down) LOG.info("device {} reads again (source {}); it was down for {} s", device, s.source(),
                    String.format(Locale.ROOT, "%.1f", (s.monoNanos() - last.monoNanos()) / 1e9));
        }
        down = false;
        source = s.source();
        double prevWatts = lastWatts;
        long prevWattsNanos = lastWattsNanos;
        if (s.hasWatts()) {
            lastWattsNanos = s.monoNanos();
            lastWatts = s.watts();
        }
        boolean counter = s.energyJoules().isPresent() && Double.isFinite(s.energyJoules().getAsDouble());
        if (resume != null && (counter || s.hasWatts())) settleResume(s);
        if (counter) {
            double integrated = s.hasWatts() && prevWattsNanos == lastCounterNanos && prevWattsNanos != Long.MIN_VALUE
                    ? (s.monoNanos() - prevWattsNanos) / 1e9 * (s.watts() + prevWatts) / 2.0 : Double.NaN;
            acceptCounter(s, s.energyJoules().getAsDouble(), integrated);
            mark = s.rawCounter().map(r -> new CounterMark(r, s.monoNanos())).orElse(null);
        } else if (s.hasWatts()) {
            acceptWatts(s, prevWattsNanos, prevWatts);
        }
        quality = EnergyQuality.of(s.source(), lastCounterNanos != Long.MIN_VALUE && check.trusted());
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

    private void acceptCounter(PowerSample s, double counter, double integrated) {
        if (lastCounterNanos != Long.MIN_VALUE) {
            double delta = counter - lastCounterJoules;
            if (delta < 0 && s.energyRangeJoules().isPresent()) {
                delta += s.energyRangeJoules().getAsDouble();
            }
            if (delta < 0) {
                resets++; // driver reload or counter reset: lose only this interval, re-baseline
                uncoveredSeconds += (s.monoNanos() - lastCounterNanos) / 1e9;
            } else {
                boolean trusted = check.trusted();
                long spikes = check.spikes();
                joules += check.accept(s.monoNanos(), s.monoNanos() - lastCounterNanos, delta, integrated,
                        s.powerLimitWatts().orElse(Double.NaN));
                if (check.spikes() > spikes) {
                    LOG.warn("energy counter of {} jumped by {} J in {} s, more than its power limit allows; that "
                            + "interval uses integrated power", device, delta, (s.monoNanos() - lastCounterNanos) / 1e9);
                }
                if (trusted != check.trusted()) {
                    if (trusted) LOG.warn("energy counter of {} disagrees with its integrated power (|C-W|/W = {}) "
                            + "over the last {} s: using integrated power (method=integrated)", device,
                            check.disagreement(), CounterCheck.WINDOW_NANOS / 1_000_000_000L);
                    else LOG.info("energy counter of {} agrees with its integrated power again (|C-W|/W = {}): "
                            + "using the counter", device, check.disagreement());
                }
            }
        }
        lastCounterNanos = s.monoNanos();
        lastCounterJoules = counter;
    }

    private void acceptWatts(PowerSample s, long prevNanos, double prevWatts) {
        if (prevNanos != Long.MIN_VALUE) {
            long dt = s.monoNanos() - prevNanos;
            if (dt > maxGapNanos) {
                uncoveredSeconds += dt / 1e9;
            } else {
                joules += dt / 1e9 * (s.watts() + prevWatts) / 2.0;
            }
        }
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

    /** As of {@code nowNanos}; {@code Long.MIN_VALUE} skips the staleness check. */
    DeviceReading reading(long nowNanos, long staleAfterNanos) {
        PowerSample l = last;
        boolean stale = l != null && nowNanos != Long.MIN_VALUE && nowNanos - l.monoNanos() > staleAfterNanos;
        if (stale && !down) {
            LOG.warn("device {} has had no reading from {} for {} s: its gauges are withdrawn and its energy paused "
                    + "until it reads again; the time counts as uncovered", device, source,
                    String.format(Locale.ROOT, "%.1f", (nowNanos - l.monoNanos()) / 1e9));
        }
        down = stale;
        double uncovered = uncoveredSeconds + (stale ? (nowNanos - l.monoNanos()) / 1e9 : 0);
        shownUncoveredSeconds = Math.max(shownUncoveredSeconds, uncovered);
        boolean gauges = l != null && !stale;
        return new DeviceReading(device, kind, source, quality == null ? EnergyQuality.of(source, false) : quality,
                joules, shownUncoveredSeconds, resets,
                gauges && l.hasWatts() ? l.watts() : Double.NaN,
                gauges ? l.celsius().orElse(Double.NaN) : Double.NaN,
                gauges ? l.utilization().orElse(Double.NaN) : Double.NaN,
                l == null ? Double.NaN : l.powerLimitWatts().orElse(Double.NaN),
                gauges, check.disagreement());
    }
}
