package io.joulebit.thermo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.NoSuchElementException;

/** Figure, Flag, Ema, baselines, model term, divergence and amortization. */
class SmallPartsTest {
    @Test
    void figureNeverHoldsNonFiniteValues() {
        assertThat(Figure.of(Double.NaN).reason()).isEqualTo(Flag.NON_FINITE);
        assertThat(Figure.of(Double.POSITIVE_INFINITY, Flag.NAN_LOSS).reason()).isEqualTo(Flag.NAN_LOSS);
        assertThat(Figure.of(2.5).optional()).hasValue(2.5);
        assertThat(Figure.absent(Flag.NO_ENERGY).optional()).isEmpty();
        assertThatThrownBy(() -> Figure.absent(Flag.NO_ENERGY).value()).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> new Figure(Double.NaN, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Figure.of(1e308).map(x -> x * 10).reason()).isEqualTo(Flag.NON_FINITE);
        assertThat(Flag.LOSS_ABOVE_BASELINE.label()).isEqualTo("loss_above_baseline");
        assertThat(Flag.NONPOSITIVE_BITS.warning()).isFalse();
    }

    @Test
    void emaHalfLifeHalvesTheWeightOfOldPoints() {
        Ema ema = new Ema(20);
        assertThat(ema.value()).isEmpty();
        ema.add(10);
        assertThat(ema.value().getAsDouble()).isEqualTo(10); // first point initializes
        for (int i = 0; i < 20; i++) {
            ema.add(0);
        }
        assertThat(ema.value().getAsDouble()).isCloseTo(5.0, Offset.offset(1e-12));
        ema.add(Double.NaN);
        assertThat(ema.value().getAsDouble()).isCloseTo(5.0, Offset.offset(1e-12));
        assertThat(new Ema(0).alpha()).isEqualTo(1.0);
        assertThat(new Ema().alpha()).isEqualTo(1 - Math.pow(2, -1.0 / 20));
    }

    @Test
    void initialLossBaselineIsTheMeanOfTheFirstKFinitePoints() {
        BaselineEstimator est = new BaselineEstimator(3);
        est.add(15);
        assertThat(est.baseline()).isEmpty();
        est.add(Double.NaN);
        assertThat(est.baseline()).isEmpty();
        est.add(14);
        assertThat(est.baseline()).isEmpty();
        est.add(13);
        Baseline b = est.baseline().orElseThrow();
        assertThat(b.bits()).isEqualTo(14);
        assertThat(b.method().label()).isEqualTo("initial-loss");
        est.add(2);
        assertThat(est.baseline().orElseThrow()).isEqualTo(b); // fixed afterwards
        assertThat(Baseline.uniform(1024).bits()).isEqualTo(10);
        assertThat(Baseline.fixed(11.5).method()).isEqualTo(Baseline.Method.FIXED);
    }

    @Test
    void modelTermKinds() {
        assertThat(ModelTerm.NONE.bits(100, Figure.absent(Flag.NO_PARAMS)).value()).isZero();
        assertThat(ModelTerm.bitsPerToken(0.5).bits(100, Figure.absent(Flag.NO_PARAMS)).value()).isEqualTo(50);
        assertThat(ModelTerm.MODEL_BITS.bits(100, Figure.absent(Flag.NO_PARAMS)).reason()).isEqualTo(Flag.NO_PARAMS);
        ThermoFigures f = Thermo.compute(ThermoInputs.builder().baselineBits(10).lossBits(6).tokens(1000)
                .params(100).bitsPerParam(8).modelTerm(ModelTerm.MODEL_BITS).itEnergyJoules(1).build());
        assertThat(f.informationBits().value()).isEqualTo(4000);
        assertThat(f.netInformationBits().value()).isEqualTo(3200);
        assertThat(f.informationCapacityRatio().value()).isEqualTo(5); // η uses I, not the net B
        assertThat(f.energyPerBitJoules().value()).isEqualTo(1.0 / 3200);
    }

    @Test
    void divergenceAfterFiveNonFiniteLossesInARow() {
        DivergenceTracker d = new DivergenceTracker();
        for (int i = 0; i < 4; i++) {
            assertThat(d.accept(Double.NaN)).isFalse();
        }
        assertThat(d.accept(3.0)).isTrue();
        assertThat(d.diverged()).isFalse();
        for (int i = 0; i < 5; i++) {
            d.accept(i % 2 == 0 ? Double.POSITIVE_INFINITY : Double.NaN);
        }
        assertThat(d.diverged()).isTrue();
        assertThat(d.droppedPoints()).isEqualTo(9);
        d.accept(2.0);
        assertThat(d.diverged()).isTrue();
        assertThat(d.consecutiveDropped()).isZero();
    }

    @Test
    void amortization() {
        assertThat(Amortization.breakevenTokens(1e6, 0.5).value()).isEqualTo(2e6);
        assertThat(Amortization.breakevenTokens(1e6, 0).reason()).isEqualTo(Flag.NO_ENERGY);
        assertThat(Amortization.amortizedJoulesPerToken(1e6, 0.5, 1_000_000).value()).isEqualTo(1.5);
        assertThat(Amortization.amortizedJoulesPerToken(1e6, 0.5, 0).reason()).isEqualTo(Flag.NO_TOKENS);
        assertThat(Amortization.estimatedInferenceJoulesPerToken(1000, 1e-12).value()).isEqualTo(2e-9);
        // Thermo's estimate e_inf = 2·N·E/(6·N·D) makes N* = 3·D.
        ThermoFigures f = Thermo.compute(ThermoInputs.builder().tokens(1000).params(77).itEnergyJoules(5).build());
        assertThat(f.breakevenInferenceTokens().value()).isCloseTo(3000, Offset.offset(1e-9));
        ThermoFigures given = Thermo.compute(ThermoInputs.builder().tokens(1000).itEnergyJoules(5)
                .inferenceJoulesPerToken(0.001).build());
        assertThat(given.breakevenInferenceTokens().value()).isEqualTo(5000);
    }

    @Test
    void suspiciousLandauerEfficiencyIsFlagged() {
        ThermoFigures f = Thermo.compute(ThermoInputs.builder().baselineBits(15).lossBits(4).tokens(2_000_000_000L)
                .itEnergyJoules(1e-6).build());
        assertThat(f.landauerEfficiencyRatio().value()).isGreaterThan(Thermo.LANDAUER_SUSPECT_RATIO);
        assertThat(f.flags()).contains(Flag.LANDAUER_UNIT_SUSPECT);
    }

    @Test
    void zeroEnergyAndZeroTokensAreAbsentNotInfinite() {
        ThermoFigures f = Thermo.compute(ThermoInputs.builder().baselineBits(15).lossBits(4).tokens(0)
                .itEnergyJoules(0).temperatureKelvin(-1).build());
        assertThat(f.energyPerBitJoules().reason()).isEqualTo(Flag.NONPOSITIVE_BITS);
        assertThat(f.energyPerTokenJoules().reason()).isEqualTo(Flag.NO_TOKENS);
        assertThat(f.tokensPerJoule().reason()).isEqualTo(Flag.NO_ENERGY);
        assertThat(f.landauerMinEnergyJoules().reason()).isEqualTo(Flag.INVALID_TEMPERATURE);
        assertThat(f.flags()).contains(Flag.NONPOSITIVE_BITS, Flag.NO_TOKENS, Flag.NO_ENERGY,
                Flag.INVALID_TEMPERATURE, Flag.NO_PARAMS, Flag.NO_ELAPSED);
        ThermoFigures nan = Thermo.compute(ThermoInputs.builder().baselineBits(15).lossBits(Double.NaN).build());
        assertThat(nan.deltaBitsPerToken().reason()).isEqualTo(Flag.NAN_LOSS);
        assertThat(Thermo.compute(ThermoInputs.builder().build()).deltaBitsPerToken().reason())
                .isEqualTo(Flag.NO_BASELINE);
    }
}
