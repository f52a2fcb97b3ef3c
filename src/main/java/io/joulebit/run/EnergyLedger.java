package io.joulebit.run;

import io.joulebit.power.PowerSample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-device energy of a run. Exported totals never go backwards. Not thread-safe: owned by the accountant's single
 * writer thread; readers get immutable {@link DeviceReading}s.
 */
public final class EnergyLedger {
    public static final Duration DEFAULT_MAX_GAP = Duration.ofSeconds(10);

    private final long maxGapNanos;
    private long staleAfterNanos;
    private final Map<String, DeviceEnergy> devices = new LinkedHashMap<>();
    private final ResumeGaps gaps = new ResumeGaps();

    public EnergyLedger(Duration maxGap) {
        if (maxGap.isNegative() || maxGap.isZero()) throw new IllegalArgumentException("max_gap must be > 0");
        this.maxGapNanos = maxGap.toNanos();
        this.staleAfterNanos = maxGapNanos;
    }

    /**
     * A device with no reading for longer than this is down (device_up 0, gauges withdrawn, time uncovered); the
     * agent sets a few sampling intervals. Defaults to max_gap.
     */
    public void staleAfter(Duration d) {
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("stale_after must be > 0");
        staleAfterNanos = d.toNanos();
    }

    public EnergyLedger() { this(DEFAULT_MAX_GAP); }

    public void accept(PowerSample sample) {
        devices.computeIfAbsent(sample.device(), d -> new DeviceEnergy(sample, maxGapNanos, gaps)).accept(sample, staleAfterNanos);
    }

    /** Restore a device's totals from the store before new samples arrive (resume after restart). */
    public void restore(PowerSample identity, double joules, double uncoveredSeconds) {
        restore(identity, joules, uncoveredSeconds, null);
    }

    /** As above; the first reading then settles the downtime against {@code counterAtStop} (null: none stored). */
    public void restore(PowerSample identity, double joules, double uncoveredSeconds, CounterMark counterAtStop) {
        devices.computeIfAbsent(identity.device(), d -> new DeviceEnergy(identity, maxGapNanos, gaps))
                .restore(identity, joules, uncoveredSeconds, counterAtStop);
    }

    /** Downtimes left uncovered on resume, by device and reason. */
    public ResumeGaps resumeGaps() { return gaps; }

    /** Each device's raw hardware counter as of the last counted reading (for a checkpoint); devices without one are left out. */
    public Map<String, CounterMark> counterMarks() {
        Map<String, CounterMark> out = new LinkedHashMap<>();
        devices.forEach((name, d) -> {
            CounterMark m = d.counterMark();
            if (m != null) out.put(name, m);
        });
        return out;
    }

    public void addUncovered(String device, double seconds) {
        DeviceEnergy d = devices.get(device);
        if (d != null) d.addUncovered(seconds);
    }

    /** IT energy of the run: the sum over devices (sources never count one device twice). */
    public double totalJoules() {
        double sum = 0;
        for (DeviceEnergy d : devices.values()) sum += d.joules();
        return sum;
    }

    /** Every device as last read, without a staleness check. */
    public List<DeviceReading> readings() { return readings(Long.MIN_VALUE); }

    /** Every device as of {@code nowNanos} (the samples' monotonic clock): devices not read lately are down. */
    public List<DeviceReading> readings(long nowNanos) {
        List<DeviceReading> out = new ArrayList<>(devices.size());
        for (DeviceEnergy d : devices.values()) out.add(d.reading(nowNanos, staleAfterNanos));
        return List.copyOf(out);
    }
}
