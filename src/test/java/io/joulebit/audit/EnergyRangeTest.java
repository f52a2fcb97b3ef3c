package io.joulebit.audit;

import io.joulebit.store.DeviceTotals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EnergyRangeTest {
    private static DeviceTotals device(String name, String quality, double joules, double uncovered) {
        return new DeviceTotals(name, "gpu", "src", quality, joules, uncovered);
    }

    @ParameterizedTest(name = "{0} → ±{1}")
    @CsvSource({"counter, 0.02", "integrated, 0.05", "estimated, 0.30", "COUNTER, 0.02", "mystery, 0.30"})
    void eachQualityHasItsBand(String quality, double band) {
        EnergyRange r = EnergyRange.of(List.of(device("d", quality, 1000, 0)), OptionalDouble.of(10));
        assertThat(r.lowJoules().getAsDouble()).isCloseTo(1000 * (1 - band), within(1e-9));
        assertThat(r.highJoules().getAsDouble()).isCloseTo(1000 * (1 + band), within(1e-9));
        assertThat(r.devices().get(0).method()).isNotBlank();
    }

    @Test
    void devicesCombineLinearly() {
        EnergyRange r = EnergyRange.of(List.of(device("a", "counter", 1000, 0), device("b", "estimated", 100, 0)),
                OptionalDouble.of(10));
        assertThat(r.lowJoules().getAsDouble()).isCloseTo(980 + 70, within(1e-9));
        assertThat(r.highJoules().getAsDouble()).isCloseTo(1020 + 130, within(1e-9));
        assertThat(r.absentReason()).isEmpty();
    }

    @Test
    void uncoveredTimeRaisesOnlyTheHighBound() {
        // 90 s covered at 10 W = 900 J; 10 s uncovered add 100 J at that mean power.
        EnergyRange r = EnergyRange.of(List.of(device("a", "integrated", 900, 10)), OptionalDouble.of(100));
        assertThat(r.lowJoules().getAsDouble()).isCloseTo(900 * 0.95, within(1e-9));
        assertThat(r.highJoules().getAsDouble()).isCloseTo(900 * 1.05 + 100, within(1e-9));
        assertThat(r.devices().get(0).gapJoules().getAsDouble()).isCloseTo(100, within(1e-9));
        EnergyRange unknown = EnergyRange.of(List.of(device("a", "integrated", 900, 10)), OptionalDouble.empty());
        assertThat(unknown.devices().get(0).gapJoules()).isEmpty();
        assertThat(unknown.highJoules().getAsDouble()).isCloseTo(945, within(1e-9));
    }

    @Test
    void simulatedEnergyIsNotAMeasurement() {
        EnergyRange r = EnergyRange.of(List.of(device("a", "counter", 1000, 0), device("sim", "simulated", 5, 0)),
                OptionalDouble.of(10));
        assertThat(r.lowJoules()).isEmpty();
        assertThat(r.highJoules()).isEmpty();
        assertThat(r.absentReason()).isEqualTo("simulated_not_a_measurement");
        assertThat(r.devices().get(0).lowJoules()).isPresent();
        assertThat(r.devices().get(1).band()).isEmpty();
        assertThat(EnergyRange.of(List.of(), OptionalDouble.empty()).absentReason()).isEqualTo("no_energy");
    }
}
