package io.joulebit.power.nvml;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * nvmlClocksEventReason* bits (nvml.h) as reason labels, and the seconds a GPU spent under each. A reason read at one
 * sample is taken to hold until the next, so the time between two readings goes to the reasons of the earlier one.
 * Not thread-safe: the NVML source's sampling thread owns it.
 */
final class ClockEvents {
    static final Map<Long, String> REASONS = new LinkedHashMap<>();

    static {
        REASONS.put(0x1L, "gpu_idle");
        REASONS.put(0x2L, "applications_clocks_setting");
        REASONS.put(0x4L, "sw_power_cap");
        REASONS.put(0x8L, "hw_slowdown");
        REASONS.put(0x10L, "sync_boost");
        REASONS.put(0x20L, "sw_thermal_slowdown");
        REASONS.put(0x40L, "hw_thermal_slowdown");
        REASONS.put(0x80L, "hw_power_brake_slowdown");
        REASONS.put(0x100L, "display_clock_setting");
    }

    private final Map<String, Double> seconds = new TreeMap<>();
    private long lastNanos = Long.MIN_VALUE;
    private long lastMask;

    /** A reading of the mask at {@code nanos}; {@code maxGapNanos} bounds what one interval may add. */
    void accept(long nanos, long mask, long maxGapNanos) {
        if (lastNanos != Long.MIN_VALUE && nanos > lastNanos && nanos - lastNanos <= maxGapNanos) {
            double dt = (nanos - lastNanos) / 1e9;
            REASONS.forEach((bit, name) -> {
                if ((lastMask & bit) != 0) seconds.merge(name, dt, Double::sum);
            });
        }
        lastNanos = nanos;
        lastMask = mask;
    }

    /** The time base is lost (a failed read): the next reading starts a new interval. */
    void interrupt() { lastNanos = Long.MIN_VALUE; }

    Map<String, Double> seconds() { return Map.copyOf(seconds); }
}
