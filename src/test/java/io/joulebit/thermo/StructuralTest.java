package io.joulebit.thermo;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Random;

import static io.joulebit.thermo.Rounded.assertRelClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Structural information S, prequential information I_preq and E/S (PHYSICS.md §2). */
class StructuralTest {
    /** PHYSICS.md §2 test vector: (D, L) = (0,10) (1000,8) (2000,6) (3000,5), L̄_t = 5, H = 10, E = 13 J. */
    @Test
    void physicsTestVector() {
        Prequential p = new Prequential();
        long[] d = {0, 1000, 2000, 3000};
        double[] l = {10, 8, 6, 5};
        for (int i = 0; i < d.length; i++) assertThat(p.add(d[i], l[i])).isTrue();
        PrequentialCurve c = p.curve().orElseThrow();
        assertThat(c.firstTokens()).isZero();
        assertThat(c.lastTokens()).isEqualTo(3000);
        assertThat(c.points()).isEqualTo(4);
        assertRelClose(c.areaBitTokens(), 21500, 1e-15);

        Structural.Figures f = Structural.compute(p.curve(), Figure.of(5), Figure.of(10), Figure.of(13));
        assertRelClose(f.structuralBits().value(), 6500, 1e-15);
        assertRelClose(f.prequentialBits().value(), 8500, 1e-15);
        assertRelClose(f.structuralBits().value() + f.prequentialBits().value(), 3000 * (10 - 5), 1e-15);
        assertRelClose(f.energyPerStructuralBitJoules().value(), 0.002, 1e-12);
    }

    @Test
    void throughThermoWithTheSameVectorAndPue() {
        ThermoInputs in = ThermoInputs.builder().tokens(3000).lossBits(5).baselineBits(10).itEnergyJoules(10)
                .pue(1.3).prequential(new PrequentialCurve(0, 3000, 5, 21500, 4, 0)).build();
        ThermoFigures f = Thermo.compute(in);
        assertRelClose(f.structuralInformationBits().value(), 6500, 1e-15);
        assertRelClose(f.prequentialInformationBits().value(), 8500, 1e-15);
        assertRelClose(f.energyPerStructuralBitJoules().value(), 0.002, 1e-12); // E = 10 J IT × 1.3 = 13 J
        assertThat(f.asMap()).containsKeys("structural_information_bits", "prequential_information_bits",
                "energy_per_structural_bit_joules");
    }

    @Test
    void sIsIndependentOfTheBaselineAndIPreqIsNot() {
        Optional<PrequentialCurve> c = Optional.of(new PrequentialCurve(0, 3000, 5, 21500, 4, 0));
        Structural.Figures a = Structural.compute(c, Figure.of(5), Figure.of(10), Figure.of(13));
        Structural.Figures b = Structural.compute(c, Figure.of(5), Figure.of(12), Figure.of(13));
        assertThat(b.structuralBits()).isEqualTo(a.structuralBits());
        assertRelClose(b.prequentialBits().value() - a.prequentialBits().value(), 3000 * 2, 1e-15);
        Structural.Figures noH = Structural.compute(c, Figure.of(5), Figure.absent(Flag.NO_BASELINE), Figure.of(13));
        assertThat(noH.structuralBits()).isEqualTo(a.structuralBits());
        assertThat(noH.prequentialBits().reason()).isEqualTo(Flag.NO_BASELINE);
    }

    @Test
    void energyPerStructuralBitIsAbsentWithAFlagNeverClampedOrNaN() {
        Optional<PrequentialCurve> c = Optional.of(new PrequentialCurve(0, 3000, 5, 21500, 4, 0));
        // L̄ above the curve's mean: S < 0 stays signed; E/S absent with its flag.
        Structural.Figures neg = Structural.compute(c, Figure.of(9), Figure.of(10), Figure.of(13));
        assertRelClose(neg.structuralBits().value(), 21500 - 27000, 1e-15);
        assertThat(neg.energyPerStructuralBitJoules().reason()).isEqualTo(Flag.NONPOSITIVE_STRUCTURAL_BITS);
        // One point: a zero window, S = 0, E/S undefined.
        Prequential one = new Prequential();
        one.add(500, 7);
        Structural.Figures zero = Structural.compute(one.curve(), Figure.of(7), Figure.of(10), Figure.of(13));
        assertThat(zero.structuralBits().value()).isZero();
        assertThat(zero.prequentialBits().value()).isZero();
        assertThat(zero.energyPerStructuralBitJoules().reason()).isEqualTo(Flag.NONPOSITIVE_STRUCTURAL_BITS);
        assertThat(Structural.compute(c, Figure.of(5), Figure.of(10), Figure.of(0)).energyPerStructuralBitJoules()
                .reason()).isEqualTo(Flag.NO_ENERGY);
        assertThat(Structural.compute(c, Figure.of(5), Figure.of(10), Figure.absent(Flag.NO_ENERGY))
                .energyPerStructuralBitJoules().reason()).isEqualTo(Flag.NO_ENERGY);
        Structural.Figures none = Structural.compute(Optional.empty(), Figure.of(5), Figure.of(10), Figure.of(13));
        assertThat(none.structuralBits().reason()).isEqualTo(Flag.NO_LOSS_CURVE);
        assertThat(none.energyPerStructuralBitJoules().reason()).isEqualTo(Flag.NO_LOSS_CURVE);
        ThermoFigures calc = Thermo.compute(ThermoInputs.builder().tokens(10).lossBits(5).baselineBits(10)
                .itEnergyJoules(1).build());
        assertThat(calc.flags()).contains(Flag.NO_LOSS_CURVE);
    }

    @Test
    void badPointsAreSkippedAndTheSumResumes() {
        Prequential p = new Prequential();
        assertThat(p.add(-1, 5)).isFalse();
        assertThat(p.add(0, Double.NaN)).isFalse();
        assertThat(p.add(0, 10)).isTrue();
        assertThat(p.add(1000, 8)).isTrue();
        assertThat(p.add(999, 1)).isFalse();                        // D went backwards
        assertThat(p.add(1000, Double.POSITIVE_INFINITY)).isFalse();
        Prequential resumed = Prequential.resume(p.curve().orElseThrow());
        resumed.add(2000, 6);
        resumed.add(3000, 5);
        PrequentialCurve c = resumed.curve().orElseThrow();
        assertThat(c.resumes()).isEqualTo(1);
        assertThat(c.points()).isEqualTo(4);
        assertRelClose(c.areaBitTokens(), 21500, 1e-15);            // same sum as without the restart
        assertThatThrownBy(() -> new PrequentialCurve(10, 5, 1, 0, 1, 0)).hasMessageContaining("[10, 5]");
    }

    /** I_preq + S = (D_t − D_0)(H − L̄_t) on random curves, H and L̄ (never clamped, signed either way). */
    @Test
    void identityHoldsOnRandomCurves() {
        Random r = new Random(24L);
        for (int c = 0; c < 300; c++) {
            Prequential p = new Prequential();
            long d = r.nextInt(1_000_000);
            int n = 1 + r.nextInt(60);
            for (int k = 0; k < n; k++) {
                p.add(d, 20 * r.nextDouble());
                d += r.nextInt(5_000_000);
            }
            double h = 25 * r.nextDouble();
            double lbar = 20 * r.nextDouble();
            PrequentialCurve curve = p.curve().orElseThrow();
            Structural.Figures f = Structural.compute(p.curve(), Figure.of(lbar), Figure.of(h), Figure.of(1));
            double rhs = curve.windowTokens() * (h - lbar);
            double scale = Math.max(curve.areaBitTokens(), curve.windowTokens() * Math.max(h, lbar));
            assertThat(Math.abs(f.structuralBits().value() + f.prequentialBits().value() - rhs))
                    .isLessThanOrEqualTo(1e-12 * Math.max(1, scale));
        }
    }
}
