package io.joulebit.store;

import java.util.Objects;
import java.util.Optional;

/**
 * One device's totals as of a checkpoint: enough to restore the {@code EnergyLedger} after a restart.
 *
 * @param kind    device kind label (gpu|cpu|dram|system)
 * @param quality energy quality label (counter|integrated|estimated|simulated)
 * @param counter the raw hardware counter behind these totals, when the device has one
 */
public record DeviceTotals(String device, String kind, String source, String quality, double energyJoules,
                           double uncoveredSeconds, Optional<CounterCheckpoint> counter) {
    public DeviceTotals(String device, String kind, String source, String quality, double energyJoules,
                        double uncoveredSeconds) {
        this(device, kind, source, quality, energyJoules, uncoveredSeconds, Optional.empty());
    }

    public DeviceTotals {
        Objects.requireNonNull(counter, "counter");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(quality, "quality");
    }
}
