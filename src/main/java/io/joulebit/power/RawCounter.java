package io.joulebit.power;

import java.util.Objects;

/**
 * A hardware energy counter exactly as the device holds it, with what makes two readings comparable across a restart
 * of joulebit: the counter keeps counting while the agent is down, so the energy of the downtime is the difference,
 * provided it is the same counter in the same epoch and the difference is physically possible.
 *
 * @param joules      the raw reading (RAPL: energy_uj / 1e6, wrapping at {@code rangeJoules}; NVML: total energy)
 * @param identity    which counter: NVML device UUID, RAPL zone directory
 * @param epoch       changes when the counter restarts from zero: NVML driver load/reset, RAPL max_energy_range_uj
 * @param rangeJoules where the raw value wraps to 0; NaN when it never wraps
 * @param maxWatts    the most the device can draw (its enforced power limit, or an assumed peak); NaN when unknown
 */
public record RawCounter(double joules, String identity, String epoch, double rangeJoules, double maxWatts) {
    public RawCounter {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(epoch, "epoch");
    }
}
