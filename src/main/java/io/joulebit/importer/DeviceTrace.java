package io.joulebit.importer;

import io.joulebit.power.DeviceKind;

/**
 * One device's readings from Prometheus, in SI units and time order: joules of an energy counter or watts.
 *
 * @param times  epoch seconds of each scrape
 * @param query  the selector it came from (for the report)
 */
public record DeviceTrace(String device, DeviceKind kind, EnergyPreset.Kind measure, double[] times, double[] values,
                          String query) {
    public int size() { return times.length; }
}
