package io.joulebit.power.simulated;

import io.joulebit.power.DeviceKind;

import java.util.Objects;

/**
 * One simulated device: watts(t) = base + amplitude·sin(2πt/period) + noise·u, with u ∈ [−1, 1) drawn from
 * {@code seed} and the millisecond of t, so the same config and times always give the same watts. Clamped at 0.
 */
public record SimulatedDevice(String name, DeviceKind kind, double baseWatts, double amplitudeWatts,
                              double periodSeconds, double noiseWatts, long seed) {
    public SimulatedDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (name.isBlank()) throw new IllegalArgumentException("name must not be blank");
        if (!(baseWatts >= 0) || !(amplitudeWatts >= 0) || !(noiseWatts >= 0) || !(periodSeconds > 0)
                || Double.isInfinite(baseWatts + amplitudeWatts + noiseWatts + periodSeconds)) {
            throw new IllegalArgumentException("simulated device " + name + ": watts must be finite and >= 0, "
                    + "period > 0");
        }
    }

    /** A steady device with a little noise: a 60 s swing of 10% and 2% noise. */
    public static SimulatedDevice of(String name, DeviceKind kind, double baseWatts, long seed) {
        return new SimulatedDevice(name, kind, baseWatts, baseWatts * 0.10, 60.0, baseWatts * 0.02, seed);
    }

    public double wattsAt(long elapsedNanos) {
        double t = elapsedNanos / 1e9;
        long millis = Math.floorDiv(elapsedNanos, 1_000_000L);
        double u = 2.0 * unit(seed, millis) - 1.0;
        double w = baseWatts + amplitudeWatts * Math.sin(2 * Math.PI * t / periodSeconds) + noiseWatts * u;
        return Math.max(0.0, w);
    }

    /** A uniform [0, 1) from (seed, step) by SplitMix64 finalization: stateless, so order of calls doesn't matter. */
    static double unit(long seed, long step) {
        long z = seed + step * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
