package io.joulebit.thermo;

import static io.joulebit.thermo.Rounded.assertRelClose;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Randomised (fixed seed) checks of the PHYSICS.md §9 invariants over many plausible and implausible runs. */
class ThermoPropertiesTest {
    private static final int CASES = 2000;

    /** A plausible run: H 8–17 bits, L below or above it, D up to 1e13, energy 1 J – 1e13 J, N up to 1e12. */
    static ThermoInputs.Builder randomRun(Random r) {
        double h = 8 + 9 * r.nextDouble();
        return ThermoInputs.builder().baselineBits(h).lossBits(h * (0.1 + r.nextDouble() * (r.nextInt(10) == 0 ? 2 : 0.9)))
                .tokens((long) Math.pow(10, 13 * r.nextDouble())).itEnergyJoules(Math.pow(10, 13 * r.nextDouble()))
                .pue(1 + r.nextDouble()).params(1 + (long) Math.pow(10, 12 * r.nextDouble()))
                .bitsPerParam(new double[] {4, 8, 16, 32}[r.nextInt(4)])
                .temperatureKelvin(1 + 1000 * r.nextDouble());
    }

    @Test
    void landauerMinimumAndEfficiencyAreLinearInTemperatureWhileEnergyPerBitAndCapacityAreNot() {
        Random r = new Random(20240611L);
        for (int i = 0; i < CASES; i++) {
            ThermoInputs.Builder b = randomRun(r);
            double t = 1 + 1000 * r.nextDouble();
            double k = 0.01 + 10 * r.nextDouble();
            ThermoFigures at = Thermo.compute(b.temperatureKelvin(t).build());
            ThermoFigures scaled = Thermo.compute(b.temperatureKelvin(k * t).build());
            assertRelClose(scaled.landauerMinEnergyJoules().value(), k * at.landauerMinEnergyJoules().value(), 1e-12);
            assertRelClose(scaled.landauerEfficiencyRatio().value(), k * at.landauerEfficiencyRatio().value(), 1e-12);
            assertThat(scaled.energyPerBitJoules()).isEqualTo(at.energyPerBitJoules());
            assertThat(scaled.informationCapacityRatio()).isEqualTo(at.informationCapacityRatio());
        }
    }

    @Test
    void energyPerBitTimesEfficiencyIsTheLandauerCostOfOneBit() {
        Random r = new Random(7L);
        int checked = 0;
        for (int i = 0; i < CASES; i++) {
            ThermoInputs in = randomRun(r).build();
            ThermoFigures f = Thermo.compute(in);
            if (f.netInformationBits().value() > 0) {
                checked++;
                assertRelClose(f.energyPerBitJoules().value() * f.landauerEfficiencyRatio().value(),
                        Physics.landauerJoulesPerBit(in.temperatureKelvin()), 1e-12);
                assertRelClose(f.landauerMultiple().value() * f.landauerEfficiencyRatio().value(), 1, 1e-12);
            } else {
                assertThat(f.energyPerBitJoules().reason()).isEqualTo(Flag.NONPOSITIVE_BITS);
                assertThat(f.landauerMinEnergyJoules().value()).isZero();
            }
        }
        assertThat(checked).isGreaterThan(CASES / 2);
    }

    @Test
    void lossInBitsEqualsPreconvertedLossInNats() {
        Random r = new Random(99L);
        for (int i = 0; i < CASES; i++) {
            double nats = 20 * r.nextDouble();
            double bits = LossUnit.NATS.toBits(nats);
            ThermoInputs.Builder b = randomRun(r);
            ThermoFigures fromNats = Thermo.compute(b.lossNats(nats).build());
            ThermoFigures fromBits = Thermo.compute(b.lossBits(LossUnit.BITS.toBits(bits)).build());
            assertThat(fromBits).isEqualTo(fromNats);
        }
    }

    @Test
    void signedDeltaIsNeverClampedAndSpikesAreFlagged() {
        Random r = new Random(3L);
        for (int i = 0; i < CASES; i++) {
            ThermoInputs in = randomRun(r).build();
            ThermoFigures f = Thermo.compute(in);
            double delta = in.baselineBits().getAsDouble() - in.lossBits().getAsDouble();
            assertThat(f.deltaBitsPerToken().value()).isEqualTo(delta);
            assertThat(f.informationBits().value()).isEqualTo(in.tokens().getAsLong() * delta);
            assertThat(f.flags().contains(Flag.LOSS_ABOVE_BASELINE)).isEqualTo(delta < 0);
        }
    }

    @Test
    void garbageInputsNeverThrowAndNeverYieldNonFiniteFigures() {
        Random r = new Random(11L);
        double[] odd = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -1, -0.0, 1e308, 4.9e-324};
        for (int i = 0; i < CASES; i++) {
            ThermoInputs.Builder b = randomRun(r);
            switch (r.nextInt(7)) {
                case 0 -> b.lossBits(odd[r.nextInt(odd.length)]);
                case 1 -> b.itEnergyJoules(odd[r.nextInt(odd.length)]);
                case 2 -> b.temperatureKelvin(odd[r.nextInt(odd.length)]);
                case 3 -> b.baselineBits(odd[r.nextInt(odd.length)]);
                case 4 -> b.pue(odd[r.nextInt(odd.length)]);
                case 5 -> b.tokens(r.nextBoolean() ? 0 : Long.MAX_VALUE);
                default -> b.bitsPerParam(odd[r.nextInt(odd.length)]);
            }
            ThermoFigures f = Thermo.compute(b.elapsedSeconds(odd[r.nextInt(odd.length)]).build());
            f.asMap().forEach((name, fig) -> {
                if (fig.present()) {
                    assertThat(Double.isFinite(fig.value())).as(name).isTrue();
                } else {
                    assertThat(f.flags()).as(name).contains(fig.reason());
                }
            });
        }
    }
}
