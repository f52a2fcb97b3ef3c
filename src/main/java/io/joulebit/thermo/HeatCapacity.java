package io.joulebit.thermo;

/**
 * One evaluated heat-capacity window (PHYSICS.md §6): a loss-fluctuation PROXY for the attention specific heat of
 * Kim 2026, not that quantity itself.
 *
 * @param lastStep             step of the window's last point (the step reported for a transition peak)
 * @param validPoints          points with finite loss, learning rate and batch size
 * @param residualVariance     s² of the detrended loss, in (loss unit)²
 * @param effectiveTemperature mean T_eff over the window
 * @param heatCapacity         C_L = s² / T_eff²
 */
public record HeatCapacity(long firstStep, long lastStep, int validPoints, Figure residualVariance,
                           Figure effectiveTemperature, Figure heatCapacity) {
}
