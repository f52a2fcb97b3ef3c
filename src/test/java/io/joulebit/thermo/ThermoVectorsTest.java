package io.joulebit.thermo;

import static io.joulebit.thermo.Rounded.assertRelClose;
import static io.joulebit.thermo.Rounded.assertRoundsTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PHYSICS.md §9 vectors A–C through {@link Thermo#compute}. Printed values are rounded; see {@link Rounded}. */
class ThermoVectorsTest {
    private static final double KT_LN2_300 = 1.380649e-23 * 300 * Math.log(2);

    static ThermoFigures vectorA() {
        double h = Units.natsToBits(10.8);
        return Thermo.compute(ThermoInputs.builder().baselineBits(h).lossNats(3.2).tokens(2_000_000_000L)
                .params(124_000_000L).bitsPerParam(16).build());
    }

    @Test
    void vectorA_gpt2SmallFromLossLog() {
        ThermoFigures f = vectorA();
        assertRoundsTo(f.baselineBits().value(), "15.58");
        assertRoundsTo(f.lossBits().value(), "4.617");
        assertRoundsTo(f.informationBits().value(), "2.193e10");
        assertRoundsTo(f.informationCapacityRatio().value(), "11.05");
        assertRoundsTo(f.informationBitsPerParameter().value(), "176.8");
        assertRoundsTo(f.landauerMinEnergyJoules().value(), "6.296e-11");
        assertThat(f.netInformationBits().value()).isEqualTo(f.informationBits().value());
        assertThat(f.energyPerBitJoules().reason()).isEqualTo(Flag.NO_ENERGY);
        assertThat(f.flags()).contains(Flag.NO_ENERGY).doesNotContain(Flag.NO_PARAMS, Flag.LOSS_ABOVE_BASELINE);
    }

    @Test
    void vectorA_isNotABugSignature() {
        double eta = vectorA().informationCapacityRatio().value();
        // 7.661: loss left in nats; 176.8: divided by parameters instead of bits.
        assertThat(Math.abs(eta - 7.661)).isGreaterThan(1);
        assertThat(Math.abs(eta - 176.8)).isGreaterThan(1);
    }

    @Test
    void vectorB_uniformBaseline() {
        Baseline h = Baseline.uniform(50257);
        ThermoFigures f = Thermo.compute(ThermoInputs.builder().baselineBits(h.bits()).lossNats(6.0)
                .tokens(100_000_000L).params(124_000_000L).bitsPerParam(32).build());
        assertThat(h.method()).isEqualTo(Baseline.Method.UNIFORM);
        assertRoundsTo(f.baselineBits().value(), "15.62");
        assertRoundsTo(f.informationBits().value(), "6.961e8");
        assertRoundsTo(f.informationCapacityRatio().value(), "0.1754");
        assertRoundsTo(f.landauerMinEnergyJoules().value(), "1.998e-12");
    }

    @Test
    void vectorC_totalsAt2400s() {
        BaselineEstimator est = new BaselineEstimator();
        est.add(Units.natsToBits(10.8));
        ThermoFigures f = Thermo.compute(ThermoInputs.builder().baselineBits(est.baseline().orElseThrow().bits())
                .lossNats(3.35).tokens(1_200_000_000L).itEnergyJoules(2000.0 * 2400).elapsedSeconds(2400)
                .build());
        assertRoundsTo(f.informationBits().value(), "1.290e10");
        assertRoundsTo(f.energyJoules().value(), "4.8e6");
        assertRoundsTo(f.energyPerBitJoules().value(), "3.722e-4");
        assertRoundsTo(f.landauerEfficiencyRatio().value(), "7.714e-18");
        assertRoundsTo(f.averagePowerWatts().value(), "2000");
        assertRoundsTo(f.entropyProductionWattsPerKelvin().value(), "6.667");
        assertRelClose(f.energyPerBitJoules().value() * f.landauerEfficiencyRatio().value(), KT_LN2_300, 1e-12);
        assertRelClose(f.landauerMultiple().value(), 1 / f.landauerEfficiencyRatio().value(), 1e-12);
        assertThat(f.flags()).containsOnly(Flag.NO_PARAMS, Flag.NO_LOSS_CURVE); // totals only: no curve for S
    }

    @Test
    void vectorC_energyIsTheTrapezoidOfTheConstantTrace() {
        double[] t = {0, 600, 1200, 1800, 2400};
        double[] p = {2000, 2000, 2000, 2000, 2000};
        // The 600 s log interval is not a power-sample gap: sample every second as an agent would.
        TrapezoidAccumulator acc = new TrapezoidAccumulator();
        for (int s = 0; s <= 2400; s++) {
            acc.add(s, 2000);
        }
        assertRoundsTo(acc.joules(), "4.8e6");
        assertThat(Trapezoid.integrate(t, p).uncoveredSeconds()).isEqualTo(2400);
    }
}
