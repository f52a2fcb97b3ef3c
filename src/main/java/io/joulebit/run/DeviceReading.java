package io.joulebit.run;

import io.joulebit.power.DeviceKind;

/**
 * One device as of the latest snapshot. Gauges that the device does not report are NaN here and are left out of
 * every export (absent is not zero).
 *
 * @param up                        true while the device's readings arrive within its staleness bound; a down
 *                                  device has NaN power, temperature and utilisation
 * @param counterDisagreementRatio  |counter − integrated| / integrated energy over the check window; NaN unchecked
 */
public record DeviceReading(String device, DeviceKind kind, String source, EnergyQuality quality,
                            double energyJoules, double uncoveredSeconds, long counterResets,
                            double watts, double celsius, double utilization, double powerLimitWatts,
                            boolean up, double counterDisagreementRatio) {
    /** A reading of a device that is up and whose counter is not checked. */
    public DeviceReading(String device, DeviceKind kind, String source, EnergyQuality quality, double energyJoules,
                         double uncoveredSeconds, long counterResets, double watts, double celsius,
                         double utilization, double powerLimitWatts) {
        this(device, kind, source, quality, energyJoules, uncoveredSeconds, counterResets, watts, celsius,
                utilization, powerLimitWatts, true, Double.NaN);
    }
}
