package io.joulebit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A device whose readings stop is down: gauges withdrawn, energy paused, downtime uncovered, counters monotonic. */
class DeviceDownTest {
    private static final long S = 1_000_000_000L;

    private static PowerSample counter(long t, double joules) {
        return PowerSample.of("gpu0", DeviceKind.GPU, "nvml", t * S, 300).withEnergyJoules(joules).withCelsius(60)
                .withUtilization(0.9).withPowerLimitWatts(700);
    }

    private static DeviceReading at(EnergyLedger ledger, long t) { return ledger.readings(t * S).get(0); }

    @Test
    void downAfterTheBoundUpAgainWithTheGapUncoveredAndNothingGoingBack() {
        EnergyLedger ledger = new EnergyLedger(Duration.ofSeconds(10));
        ledger.staleAfter(Duration.ofSeconds(3));
        for (long t = 0; t <= 5; t++) ledger.accept(counter(t, 300.0 * t));
        assertThat(at(ledger, 8).up()).isTrue(); // 3 s after the last reading: still within the bound
        DeviceReading down = at(ledger, 9);
        assertThat(down.up()).isFalse();
        assertThat(down.watts()).isNaN();
        assertThat(down.celsius()).isNaN();
        assertThat(down.utilization()).isNaN();
        assertThat(down.powerLimitWatts()).isEqualTo(700.0); // a setting, not a reading
        assertThat(down.energyJoules()).isEqualTo(1500.0);
        assertThat(down.uncoveredSeconds()).isCloseTo(4.0, within(1e-9));
        assertThat(at(ledger, 12).uncoveredSeconds()).isCloseTo(7.0, within(1e-9));
        // Back at t = 11 s (a late sample that reaches the ledger after the t = 12 s publication): the counter
        // kept counting through the outage, but that energy is not claimed; uncovered never goes back.
        ledger.accept(counter(11, 300.0 * 11));
        DeviceReading back = at(ledger, 12);
        assertThat(back.up()).isTrue();
        assertThat(back.energyJoules()).isEqualTo(1500.0);
        assertThat(back.uncoveredSeconds()).isCloseTo(7.0, within(1e-9));
        ledger.accept(counter(12, 300.0 * 12));
        assertThat(at(ledger, 12).energyJoules()).isEqualTo(1800.0);
        assertThat(at(ledger, 12).quality()).isEqualTo(EnergyQuality.COUNTER);
    }

    @Test
    void wattsOnlyDevicesStopIntegratingWhileDown() {
        EnergyLedger ledger = new EnergyLedger(Duration.ofSeconds(10));
        ledger.staleAfter(Duration.ofSeconds(3));
        ledger.accept(PowerSample.of("gpu0", DeviceKind.GPU, "amd", 0, 200));
        ledger.accept(PowerSample.of("gpu0", DeviceKind.GPU, "amd", S, 200));
        ledger.accept(PowerSample.of("gpu0", DeviceKind.GPU, "amd", 6 * S, 200)); // 5 s gap < max_gap, > bound
        DeviceReading r = at(ledger, 6);
        assertThat(r.energyJoules()).isEqualTo(200.0);
        assertThat(r.uncoveredSeconds()).isEqualTo(5.0);
    }

    @Test
    void withoutAStalenessCheckNothingIsDown() {
        EnergyLedger ledger = new EnergyLedger();
        ledger.accept(counter(0, 0));
        assertThat(ledger.readings().get(0).up()).isTrue();
        assertThat(ledger.readings(1_000 * S).get(0).up()).isFalse(); // default bound: max_gap
    }
}
