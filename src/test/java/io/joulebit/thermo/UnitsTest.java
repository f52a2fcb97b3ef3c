package io.joulebit.thermo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1287MWh    | 4.6332e12",
            "4.6e12J    | 4.6e12",
            "3.5 kWh    | 1.26e7",
            "1Wh        | 3600",
            "2GWh       | 7.2e12",
            "1.5e3kJ    | 1.5e6",
            "7MJ        | 7e6",
            "0.25GJ     | 2.5e8",
            "0J         | 0",
            "'  12 J  ' | 12"})
    void energyWithUnits(String text, double joules) {
        assertThat(Units.parseEnergyJoules(text)).isEqualTo(joules);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "5mWh    | unknown energy unit 'mWh'",
            "5kj     | unknown energy unit 'kj'",
            "5 joule | unknown energy unit 'joule'",
            "4.8e6   | has no unit",
            "MWh     | is not an energy",
            "NaNJ    | is not an energy",
            "InfinityJ | is not an energy",
            "0x10J   | unknown energy unit 'x10J'",
            "1e400J  | out of range",
            "''      | is not an energy"})
    void energyRejectsWithAMessage(String text, String message) {
        assertThatThrownBy(() -> Units.parseEnergyJoules(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({"2e9, 2000000000", "1.75e11, 175000000000", "124000000, 124000000", "1.0, 1", "-3, -3"})
    void wholeNumbersInScientificNotation(String text, long expected) {
        assertThat(Units.parseWholeNumber(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1.5", "1e-3", "9.3e18", "abc", "NaN", "''", "1e2d"})
    void wholeNumbersRejectFractionsOverflowAndText(String text) {
        assertThatThrownBy(() -> Units.parseWholeNumber(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"NaN", "Infinity", "0x1p3", "1.5d", "1f", "'1,5'", "--1", "1e"})
    void numbersAreStrict(String text) {
        assertThatThrownBy(() -> Units.parseNumber(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lossConversions() {
        assertThat(Units.natsToBits(Math.log(2))).isEqualTo(1.0);
        assertThat(Units.bitsToNats(Units.natsToBits(3.2))).isCloseTo(3.2, Offset.offset(1e-15));
        assertThat(Units.perplexityToBits(1024)).isEqualTo(10.0);
        assertThat(Units.perplexityToBits(Math.exp(3.2))).isCloseTo(Units.natsToBits(3.2),
                Offset.offset(1e-12));
        assertThat(LossUnit.parse("bits")).contains(LossUnit.BITS);
        assertThat(LossUnit.parse("Nats")).isEmpty();
        assertThat(Units.celsiusToKelvin(26.85)).isCloseTo(300.0, Offset.offset(1e-12));
    }
}
