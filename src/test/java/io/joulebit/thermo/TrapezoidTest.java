package io.joulebit.thermo;

import static io.joulebit.thermo.Rounded.assertRelClose;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrapezoidTest {
    private static final double[] T = {0, 0.5, 1.7, 2.0, 4.5, 5.0, 7.25};
    private static final double[] P = {250, 310, 298.5, 400, 405, 120, 310};

    @Test
    void vectorD() {
        Trapezoid.Result r = Trapezoid.integrate(T, P);
        assertThat(r.joules()).isEqualTo(2231.125);
        assertThat(r.uncoveredSeconds()).isZero();
        assertThat(r.joules()).isNotEqualTo(2059.05); // left-Riemann, the wrong rule
    }

    @Test
    void vectorD_nanSampleIsDroppedAndIntegratedAcross() {
        double[] p = P.clone();
        p[3] = Double.NaN;
        assertThat(Trapezoid.integrate(T, p).joules()).isEqualTo(2105.0);
        p[3] = -5;
        assertThat(Trapezoid.integrate(T, p).joules()).isEqualTo(2105.0);
    }

    @Test
    void gapLongerThanMaxGapIsUncoveredNotInvented() {
        Trapezoid.Result r = Trapezoid.integrate(T, P, 2.4);
        assertThat(r.uncoveredSeconds()).isEqualTo(2.5); // 2.0 → 4.5
        assertThat(r.joules()).isEqualTo(2231.125 - 2.5 * (400 + 405) / 2);
    }

    @Test
    void accumulatorAgreesWithBatchAndCountsDroppedSamples() {
        TrapezoidAccumulator acc = new TrapezoidAccumulator();
        double last = 0;
        for (int i = 0; i < T.length; i++) {
            double j = acc.add(T[i], P[i]);
            assertThat(j).isGreaterThanOrEqualTo(last);
            last = j;
        }
        acc.add(7.25, 999); // time did not advance
        acc.add(Double.NaN, 100);
        assertThat(acc.joules()).isEqualTo(2231.125);
        assertThat(acc.droppedSamples()).isEqualTo(2);
    }

    @Test
    void splittingATraceAtAnySampleLeavesEnergyUnchanged() {
        Random r = new Random(42L);
        for (int c = 0; c < 1000; c++) {
            int n = 2 + r.nextInt(60);
            double[] t = new double[n];
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = (i == 0 ? 0 : t[i - 1]) + 0.01 + 4 * r.nextDouble();
                p[i] = r.nextInt(15) == 0 ? Double.NaN : 1000 * r.nextDouble();
            }
            p[0] = 100;
            int k = r.nextInt(n);
            p[k] = 50 + r.nextDouble(); // the split sample is a real one, shared by both halves
            double maxGap = 3;
            Trapezoid.Result whole = Trapezoid.integrate(t, p, maxGap);
            Trapezoid.Result a = Trapezoid.integrate(Arrays.copyOfRange(t, 0, k + 1), Arrays.copyOfRange(p, 0, k + 1), maxGap);
            Trapezoid.Result b = Trapezoid.integrate(Arrays.copyOfRange(t, k, n), Arrays.copyOfRange(p, k, n), maxGap);
            assertRelClose(a.joules() + b.joules(), whole.joules(), 1e-12);
            assertRelClose(a.uncoveredSeconds() + b.uncoveredSeconds(), whole.uncoveredSeconds(), 1e-12);
        }
    }
}
