package io.joulebit.run;

import io.joulebit.power.DeviceKind;

/**
 * One device as of the latest snapshot. Gauges that the device does not report are NaN here and are left out of
 * every export (absent is not zero).
 */
public record DeviceReading(String device, DeviceKind kind, String source, EnergyQuality quality,
                            double energyJoules, double uncoveredSeconds, long counterResets,
                            double watts, double celsius, double utilization, double powerLimitWatts) {
}
