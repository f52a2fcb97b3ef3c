package io.joulebit.run;

import io.joulebit.thermo.Figure;

/**
 * Loss-fluctuation heat capacity (PHYSICS.md §6) — a proxy, not a physical heat capacity.
 *
 * @param lossVariance         s² of the last window (nats²)
 * @param effectiveTemperature T_eff of the last window
 * @param heatCapacity         C_L = s² / T_eff²
 * @param candidates           transition candidates so far
 * @param peakStep             step at the peak of the last candidate, -1 when none
 */
public record HeatState(Figure lossVariance, Figure effectiveTemperature, Figure heatCapacity, long candidates,
                        long peakStep) {
}
