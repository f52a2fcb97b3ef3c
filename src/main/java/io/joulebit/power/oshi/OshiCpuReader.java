package io.joulebit.power.oshi;

import io.joulebit.power.estimate.CpuUtilization;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HardwareAbstractionLayer;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * CPU utilization (from tick deltas) and temperature through OSHI. Each consumer needs its own reader, since every
 * {@link #busyRatio()} call moves the baseline. Never throws: OSHI or JNA failures become {@link #problem()}.
 */
public final class OshiCpuReader implements CpuUtilization {
    /** OSHI answers 0 (or NaN) when it has no temperature sensor; anything outside this range is treated as absent. */
    static final double MAX_PLAUSIBLE_CELSIUS = 150.0;

    private final Supplier<long[]> ticks;
    private final DoubleSupplier celsius;
    private final int logicalCpus;
    private final String brokenReason;
    private long[] previous;

    /** For tests: any tick and temperature supplier. */
    public OshiCpuReader(Supplier<long[]> ticks, DoubleSupplier celsius, int logicalCpus) {
        this(ticks, celsius, logicalCpus, null);
    }

    private OshiCpuReader(Supplier<long[]> ticks, DoubleSupplier celsius, int logicalCpus, String brokenReason) {
        this.ticks = ticks;
        this.celsius = celsius;
        this.logicalCpus = logicalCpus;
        this.brokenReason = brokenReason;
        this.previous = brokenReason == null ? safeTicks() : null;
    }

    /** The reader for this machine. */
    public static OshiCpuReader system() {
        try {
            HardwareAbstractionLayer hal = new SystemInfo().getHardware();
            CentralProcessor cpu = hal.getProcessor();
            return new OshiCpuReader(cpu::getSystemCpuLoadTicks, () -> hal.getSensors().getCpuTemperature(),
                    cpu.getLogicalProcessorCount(), null);
        } catch (RuntimeException | LinkageError e) {
            return new OshiCpuReader(() -> null, () -> Double.NaN, 0, "OSHI failed to start: " + e);
        }
    }

    public int logicalCpus() { return logicalCpus; }

    @Override
    public synchronized OptionalDouble busyRatio() {
        long[] cur = safeTicks();
        OptionalDouble r = CpuTicks.busyRatio(previous, cur);
        if (cur != null) previous = cur;
        return r;
    }

    @Override
    public Optional<String> problem() {
        if (brokenReason != null) return Optional.of(brokenReason);
        long[] t = safeTicks();
        if (t == null || t.length < 7) return Optional.of("OSHI returned no CPU tick counters");
        return Optional.empty();
    }

    /** CPU temperature in °C; empty when OSHI does not know (it says 0 or NaN then). */
    public OptionalDouble celsius() {
        try {
            double c = celsius.getAsDouble();
            return c > 0 && c < MAX_PLAUSIBLE_CELSIUS ? OptionalDouble.of(c) : OptionalDouble.empty();
        } catch (RuntimeException | LinkageError e) {
            return OptionalDouble.empty();
        }
    }

    private long[] safeTicks() {
        try {
            long[] t = ticks.get();
            return t == null ? null : t.clone();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
