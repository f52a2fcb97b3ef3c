package io.joulebit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Counters checked, not trusted: a device with a counter and watts, sampled at 1 Hz for 60 s at 300 W. */
class CounterCheckTest {
    private static final double WATTS = 300;

    /** The ledger after 61 readings (t = 0..60 s) whose counter reads {@code counter.applyAsDouble(t)} joules. */
    private static DeviceReading run(IntToDoubleFunction counter, double limitWatts) {
        EnergyLedger ledger = new EnergyLedger();
        for (int t = 0; t <= 60; t++) {
            PowerSample s = PowerSample.of("gpu0", DeviceKind.GPU, "nvml", t * 1_000_000_000L, WATTS)
                    .withEnergyJoules(counter.applyAsDouble(t));
            if (limitWatts > 0) s = s.withPowerLimitWatts(limitWatts);
            ledger.accept(s);
        }
        return ledger.readings().get(0);
    }

    @Test
    void aCounterThatAgreesIsUsedAndItsDisagreementIsSmall() {
        DeviceReading r = run(t -> 1e6 + 310.0 * t, 700); // counter 3 % above the watts: agreement
        assertThat(r.quality()).isEqualTo(EnergyQuality.COUNTER);
        assertThat(r.energyJoules()).isCloseTo(310.0 * 60, within(1e-6));
        assertThat(r.counterDisagreementRatio()).isCloseTo(10.0 / 300, within(1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"frozen, 123456", "zero, 0"})
    void aFrozenOrZeroCounterFallsBackToIntegratedPowerLosingNothing(String name, double value) {
        DeviceReading r = run(t -> value, 700);
        assertThat(r.quality()).isEqualTo(EnergyQuality.INTEGRATED);
        assertThat(r.energyJoules()).isCloseTo(WATTS * 60, within(1e-6)); // the missing window is credited
        assertThat(r.counterDisagreementRatio()).isEqualTo(1.0);
    }

    @Test
    void aCounterThatFreezesMidRunFallsBackFromThatPoint() {
        DeviceReading r = run(t -> 300.0 * Math.min(t, 20), 700);
        assertThat(r.quality()).isEqualTo(EnergyQuality.INTEGRATED);
        assertThat(r.energyJoules()).isCloseTo(WATTS * 60, within(1e-6));
    }

    @Test
    void aSpikeAboveThePowerLimitIsNeverAdded() {
        DeviceReading r = run(t -> 300.0 * t + (t >= 30 ? 1e6 : 0), 700); // one jump of 1 MJ at t = 30 s
        assertThat(r.energyJoules()).isCloseTo(WATTS * 60, within(1e-6));
        assertThat(r.quality()).isEqualTo(EnergyQuality.COUNTER); // one refused interval, then trusted again
    }

    @Test
    void withoutAPowerLimitASpikeIsStillCaughtByTheWindow() {
        DeviceReading r = run(t -> 300.0 * t + (t >= 30 ? 1e6 : 0), 0);
        assertThat(r.energyJoules()).isCloseTo(WATTS * 60, within(1e-6)); // integrated while the jump is in view
    }

    @Test
    void aCounterThatComesBackIntoAgreementIsTrustedAgain() {
        // frozen for 20 s, then counting true 300 W for 40 s: trusted again once the window is clean
        DeviceReading r = run(t -> t < 20 ? 0 : 300.0 * (t - 20), 700);
        assertThat(r.quality()).isEqualTo(EnergyQuality.COUNTER);
        assertThat(r.energyJoules()).isCloseTo(WATTS * 60, within(1e-6));
        assertThat(r.counterDisagreementRatio()).isLessThan(0.25);
    }
}
