package io.joulebit.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

class ForecastTest {
    private static final PowerLawFit GOOD = new PowerLawFit(2.0, 180, 0.3, 0.999, 0.01, 100, 3e4, 1e8);
    private static final Amount J_PER_TOKEN = Amount.of(0.01);

    private static Forecast forecast(PowerLawFit fit, double target) {
        return Forecast.of(Optional.ofNullable(fit), fit == null ? 3 : fit.points(), OptionalDouble.of(target),
                Amount.of(5e7), J_PER_TOKEN, OptionalDouble.of(400), OptionalDouble.of(0.3));
    }

    private static List<String> codes(Forecast f) { return f.refusals().stream().map(Forecast.Refusal::code).toList(); }

    @Test
    void projectsTokensEnergyCarbonAndCostAlongTheFit() {
        Forecast f = forecast(GOOD, 2.6);
        double d = Math.pow(180 / 0.6, 1 / 0.3);
        assertThat(f.status()).isEqualTo("projected");
        assertThat(f.tokens().value()).isCloseTo(d, within(d * 1e-12));
        assertThat(f.remaining().value()).isCloseTo(d - 5e7, within(d * 1e-12));
        assertThat(f.energyJoules().value()).isCloseTo(d * 0.01, within(d * 1e-12));
        assertThat(f.carbonGrams().value()).isCloseTo(d * 0.01 / 3.6e6 * 400, within(1e-6));
        assertThat(f.remainingCost().value()).isCloseTo((d - 5e7) * 0.01 / 3.6e6 * 0.3, within(1e-9));
    }

    @Test
    void aTargetAlreadyBehindTheRunLeavesNothingToDo() {
        Forecast f = forecast(GOOD, 5.0);
        assertThat(f.status()).isEqualTo("projected");
        assertThat(f.remaining().value()).isZero();
        assertThat(f.remainingEnergyJoules().value()).isZero();
    }

    @Test
    void refusesBelowTheAsymptote() {
        Forecast f = forecast(GOOD, 1.9);
        assertThat(codes(f)).containsExactly("target_below_asymptote");
        assertThat(f.tokens().present()).isFalse();
        assertThat(f.summary()).contains("Refused", "asymptote");
    }

    @Test
    void refusesBeyondOneHundredTimesTheObservedTokens() {
        // At 2.05 bits the curve needs (180/0.05)^(1/0.3) ≈ 7e11 tokens: > 100 × 1e8.
        assertThat(codes(forecast(GOOD, 2.05))).containsExactly("beyond_data_range");
        assertThat(codes(forecast(GOOD, 2.6))).isEmpty(); // ≈ 1.8e8, inside
    }

    @Test
    void refusesPoorFitsAndFewPointsAndSaysEveryReason() {
        PowerLawFit poor = new PowerLawFit(2.0, 180, 0.3, 0.5, 0.5, 5, 3e4, 1e8);
        Forecast f = forecast(poor, 1.5);
        assertThat(codes(f)).containsExactly("too_few_points", "poor_fit", "target_below_asymptote");
        assertThat(f.summary()).contains("R² = 0.500", "5 usable loss points");
        assertThat(codes(forecast(null, 3))).containsExactly("too_few_points");
    }

    @Test
    void aFlatNoisyCurveFitsPoorlyAndIsRefused() {
        Random random = new Random(7);
        double[] d = new double[60], l = new double[60];
        for (int i = 0; i < d.length; i++) {
            d[i] = 1e6 * (i + 1);
            l[i] = 4 + random.nextGaussian();
        }
        PowerLawFit fit = PowerLawFit.fit(d, l).orElseThrow();
        assertThat(fit.rSquared()).isLessThan(Forecast.MIN_R_SQUARED);
        assertThat(codes(forecast(fit, 3.9))).contains("poor_fit");
    }

    @Test
    void noTargetNoProjection() {
        Forecast f = Forecast.of(Optional.of(GOOD), 100, OptionalDouble.empty(), Amount.of(1), J_PER_TOKEN,
                OptionalDouble.empty(), OptionalDouble.empty());
        assertThat(f.status()).isEqualTo("not_requested");
        assertThat(f.tokens().reason()).isEqualTo("not_requested");
    }

    @Test
    void missingRatesLeaveCarbonAndCostAbsentWithAReason() {
        Forecast f = Forecast.of(Optional.of(GOOD), 100, OptionalDouble.of(2.6), Amount.of(1), J_PER_TOKEN,
                OptionalDouble.empty(), OptionalDouble.empty());
        assertThat(f.energyJoules().present()).isTrue();
        assertThat(f.carbonGrams().reason()).isEqualTo("grid_intensity_not_given");
        assertThat(f.cost().reason()).isEqualTo("price_not_given");
    }
}
