package io.joulebit.run;

import java.util.Locale;

/** How a device's energy figure was obtained (PHYSICS.md §3); every energy figure carries one. */
public enum EnergyQuality {
    /** Hardware energy counter deltas (NVML total energy, RAPL energy_uj). */
    COUNTER,
    /** Trapezoid integration of measured watts. */
    INTEGRATED,
    /** A model (e.g. CPU utilization × idle/max watts), not a sensor. */
    ESTIMATED,
    /** Synthetic watts for tests and demos. */
    SIMULATED;

    public String label() { return name().toLowerCase(Locale.ROOT); }

    /** Sources named "estimate"/"simulated" are never measurements, whatever else the sample carries. */
    public static EnergyQuality of(String source, boolean hasCounter) {
        if ("simulated".equals(source)) return SIMULATED;
        if ("estimate".equals(source)) return ESTIMATED;
        return hasCounter ? COUNTER : INTEGRATED;
    }
}
