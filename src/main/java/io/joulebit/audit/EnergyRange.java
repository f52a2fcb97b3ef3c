package io.joulebit.audit;

import io.joulebit.store.DeviceTotals;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The IT energy's uncertainty range from the quality of each device's source. Bands (relative, each side):
 * <ul>
 *   <li>counter ±2 %: hardware energy counters (NVML total energy, RAPL) — vendor accuracy, not read noise;</li>
 *   <li>integrated ±5 %: trapezoid integration of sampled watts (sensor accuracy plus what 1 s sampling misses);</li>
 *   <li>estimated ±30 %: a power model from utilization, not a sensor;</li>
 *   <li>simulated: synthetic watts, not a measurement — no range at all, and none for the run.</li>
 * </ul>
 * An unknown quality label is treated as estimated. Uncovered time (gaps nobody integrated) only widens the upper
 * bound, by the uncovered seconds at the device's mean power over its covered time: the energy is missing, never
 * negative. Devices combine linearly (sum of lows, sum of highs): same-kind sensors share systematic errors, so
 * root-sum-square would understate the range.
 */
public final class EnergyRange {
    public static final Map<String, Double> BANDS = bands();
    static final String SIMULATED = "simulated";
    static final double UNKNOWN_QUALITY_BAND = 0.30;

    /** One device's energy and its range; low/high are empty for simulated devices. */
    public record Device(DeviceTotals totals, String method, OptionalDouble band, OptionalDouble gapJoules,
                         OptionalDouble lowJoules, OptionalDouble highJoules) {}

    private final List<Device> devices;
    private final OptionalDouble low;
    private final OptionalDouble high;

    private EnergyRange(List<Device> devices, OptionalDouble low, OptionalDouble high) {
        this.devices = List.copyOf(devices);
        this.low = low;
        this.high = high;
    }

    /** The range of {@code devices}' IT energy; elapsed seconds (when known) price the uncovered time. */
    public static EnergyRange of(Collection<DeviceTotals> devices, OptionalDouble elapsedSeconds) {
        List<Device> out = new ArrayList<>();
        double lo = 0;
        double hi = 0;
        boolean defined = !devices.isEmpty();
        for (DeviceTotals d : devices) {
            Device r = device(d, elapsedSeconds);
            out.add(r);
            if (r.lowJoules().isEmpty()) {
                defined = false;
            } else {
                lo += r.lowJoules().getAsDouble();
                hi += r.highJoules().getAsDouble();
            }
        }
        return defined ? new EnergyRange(out, OptionalDouble.of(lo), OptionalDouble.of(hi))
                : new EnergyRange(out, OptionalDouble.empty(), OptionalDouble.empty());
    }

    public List<Device> devices() { return devices; }

    /** Lower bound of the IT energy; empty when a device is simulated or there is no device. */
    public OptionalDouble lowJoules() { return low; }

    public OptionalDouble highJoules() { return high; }

    /** Why there is no range, or "" when there is one. */
    public String absentReason() {
        if (devices.isEmpty()) return "no_energy";
        return low.isEmpty() ? "simulated_not_a_measurement" : "";
    }

    static Device device(DeviceTotals d, OptionalDouble elapsedSeconds) {
        String quality = d.quality().toLowerCase(Locale.ROOT);
        String method = method(quality);
        double e = d.energyJoules();
        if (SIMULATED.equals(quality) || !Double.isFinite(e)) {
            return new Device(d, method, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                    OptionalDouble.empty());
        }
        double band = BANDS.getOrDefault(quality, UNKNOWN_QUALITY_BAND);
        OptionalDouble gap = gapJoules(d, elapsedSeconds);
        return new Device(d, method, OptionalDouble.of(band), gap, OptionalDouble.of(e * (1 - band)),
                OptionalDouble.of(e * (1 + band) + gap.orElse(0)));
    }

    /** Uncovered seconds × mean power over the covered time; empty when it cannot be priced. */
    private static OptionalDouble gapJoules(DeviceTotals d, OptionalDouble elapsedSeconds) {
        double u = d.uncoveredSeconds();
        if (!(u > 0)) return OptionalDouble.of(0);
        if (elapsedSeconds.isEmpty() || !(elapsedSeconds.getAsDouble() > u)) return OptionalDouble.empty();
        double covered = elapsedSeconds.getAsDouble() - u;
        return OptionalDouble.of(u * d.energyJoules() / covered);
    }

    static String method(String quality) {
        return switch (quality) {
            case "counter" -> "hardware energy counter deltas";
            case "integrated" -> "trapezoid integration of measured power";
            case "estimated" -> "power model from utilization (not a sensor)";
            case SIMULATED -> "synthetic power (not a measurement)";
            default -> "unknown quality '" + quality + "' (treated as estimated)";
        };
    }

    private static Map<String, Double> bands() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("counter", 0.02);
        m.put("integrated", 0.05);
        m.put("estimated", 0.30);
        return Collections.unmodifiableMap(m);
    }
}
