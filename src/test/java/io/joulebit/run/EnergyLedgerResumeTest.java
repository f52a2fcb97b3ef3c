package io.joulebit.run;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.power.RawCounter;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A restored device settles its downtime with its first reading: measured energy, or uncovered time and a gap. */
class EnergyLedgerResumeTest {
    private static PowerSample gpu(double tSeconds, double raw) {
        return PowerSample.of("gpu0", DeviceKind.GPU, "nvml", Math.round(tSeconds * 1e9), 250).withEnergyJoules(raw)
                .withRawCounter(new RawCounter(raw, "GPU-a", "load-1", Double.NaN, 300));
    }

    private static EnergyLedger restored(double storedRaw, double storedAtSeconds) {
        EnergyLedger ledger = new EnergyLedger();
        PowerSample identity = PowerSample.of("gpu0", DeviceKind.GPU, "nvml", Long.MIN_VALUE, Double.NaN)
                .withEnergyJoules(0);
        ledger.restore(identity, 1_000.0, 2.0, new CounterMark(new RawCounter(storedRaw, "GPU-a", "load-1",
                Double.NaN, 300), Math.round(storedAtSeconds * 1e9)));
        return ledger;
    }

    @Test
    void theDowntimesEnergyIsAddedAsMeasuredAndCountingGoesOn() {
        EnergyLedger ledger = restored(50_000, 0);
        assertThat(ledger.counterMarks().get("gpu0").raw().joules()).as("kept for a crash before any reading")
                .isEqualTo(50_000);
        ledger.accept(gpu(10, 52_000)); // 2 kJ over 10 s down: 200 W, under the 300 W limit
        ledger.accept(gpu(11, 52_250));
        DeviceReading r = ledger.readings().get(0);
        assertThat(r.energyJoules()).isCloseTo(1_000 + 2_000 + 250, within(1e-9));
        assertThat(r.uncoveredSeconds()).isEqualTo(2.0);
        assertThat(r.quality()).isEqualTo(EnergyQuality.COUNTER);
        assertThat(ledger.resumeGaps().counts()).isEmpty();
        assertThat(ledger.counterMarks().get("gpu0").raw().joules()).isEqualTo(52_250);
    }

    @Test
    void anImplausibleDeltaIsNeverAddedButCountedOnceAndUncovered() {
        EnergyLedger ledger = restored(50_000, 0);
        ledger.accept(gpu(10, 60_000)); // 10 kJ in 10 s: 1 kW from a 300 W GPU
        ledger.accept(gpu(11, 60_250));
        DeviceReading r = ledger.readings().get(0);
        assertThat(r.energyJoules()).isCloseTo(1_000 + 250, within(1e-9));
        assertThat(r.uncoveredSeconds()).isCloseTo(12.0, within(1e-9));
        assertThat(ledger.resumeGaps().counts()).isEqualTo(Map.of("gpu0", Map.of("over_power_limit", 1L)));
    }

    @Test
    void aNegativeDeltaIsNeverAdded() {
        EnergyLedger ledger = restored(50_000, 0);
        ledger.accept(gpu(10, 400)); // reloaded without a visible marker: counts from 0 again
        assertThat(ledger.totalJoules()).isEqualTo(1_000);
        assertThat(ledger.resumeGaps().counts()).isEqualTo(Map.of("gpu0", Map.of("negative_delta", 1L)));
    }

    @Test
    void aFirstReadingWithoutCounterLeavesTheDowntimeUncovered() {
        EnergyLedger ledger = restored(50_000, 0);
        ledger.accept(PowerSample.of("gpu0", DeviceKind.GPU, "nvidia-smi", 10_000_000_000L, 250));
        assertThat(ledger.readings().get(0).uncoveredSeconds()).isCloseTo(12.0, within(1e-9));
        assertThat(ledger.resumeGaps().counts()).isEqualTo(Map.of("gpu0", Map.of("no_counter", 1L)));
    }
}
