package io.joulebit.power;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One reading of one device, in base units.
 *
 * @param watts             instantaneous/average power; NaN when the device reports none (absent is not zero)
 * @param energyJoules      cumulative hardware energy counter reading, when the device has one (NVML, RAPL)
 * @param celsius           temperature; absent when unknown (OSHI's 0 means unknown)
 * @param utilization       busy ratio 0..1
 * @param powerLimitWatts   enforced power limit
 * @param energyRangeJoules the value at which {@code energyJoules} wraps to 0 (RAPL max_energy_range_uj); absent when
 *                          the counter does not wrap, and then a decrease means a reset
 * @param rawCounter        the device's hardware counter as read, for catching up a restart's downtime; empty when
 *                          the source has none (or cannot tell it apart from another)
 */
public record PowerSample(String device, DeviceKind kind, String source, long monoNanos, double watts,
                          OptionalDouble energyJoules, OptionalDouble celsius, OptionalDouble utilization,
                          OptionalDouble powerLimitWatts, OptionalDouble energyRangeJoules,
                          Optional<RawCounter> rawCounter) {
    public PowerSample {
        Objects.requireNonNull(rawCounter, "rawCounter");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(energyJoules, "energyJoules");
        Objects.requireNonNull(celsius, "celsius");
        Objects.requireNonNull(utilization, "utilization");
        Objects.requireNonNull(powerLimitWatts, "powerLimitWatts");
        Objects.requireNonNull(energyRangeJoules, "energyRangeJoules");
    }

    public PowerSample(String device, DeviceKind kind, String source, long monoNanos, double watts,
                       OptionalDouble energyJoules, OptionalDouble celsius, OptionalDouble utilization,
                       OptionalDouble powerLimitWatts, OptionalDouble energyRangeJoules) {
        this(device, kind, source, monoNanos, watts, energyJoules, celsius, utilization, powerLimitWatts,
                energyRangeJoules, Optional.empty());
    }

    /** A power-only reading; add the rest with the {@code with*} methods. */
    public static PowerSample of(String device, DeviceKind kind, String source, long monoNanos, double watts) {
        OptionalDouble none = OptionalDouble.empty();
        return new PowerSample(device, kind, source, monoNanos, watts, none, none, none, none, none,
                Optional.empty());
    }

    public boolean hasWatts() { return Double.isFinite(watts) && watts >= 0; }

    public PowerSample withEnergyJoules(double joules) {
        return new PowerSample(device, kind, source, monoNanos, watts, OptionalDouble.of(joules), celsius,
                utilization, powerLimitWatts, energyRangeJoules, rawCounter);
    }

    public PowerSample withCelsius(double c) {
        return new PowerSample(device, kind, source, monoNanos, watts, energyJoules, OptionalDouble.of(c),
                utilization, powerLimitWatts, energyRangeJoules, rawCounter);
    }

    public PowerSample withUtilization(double ratio) {
        return new PowerSample(device, kind, source, monoNanos, watts, energyJoules, celsius,
                OptionalDouble.of(ratio), powerLimitWatts, energyRangeJoules, rawCounter);
    }

    public PowerSample withPowerLimitWatts(double w) {
        return new PowerSample(device, kind, source, monoNanos, watts, energyJoules, celsius, utilization,
                OptionalDouble.of(w), energyRangeJoules, rawCounter);
    }

    public PowerSample withEnergyRangeJoules(double j) {
        return new PowerSample(device, kind, source, monoNanos, watts, energyJoules, celsius, utilization,
                powerLimitWatts, OptionalDouble.of(j), rawCounter);
    }

    public PowerSample withRawCounter(RawCounter raw) {
        return new PowerSample(device, kind, source, monoNanos, watts, energyJoules, celsius, utilization,
                powerLimitWatts, energyRangeJoules, Optional.of(raw));
    }
}
