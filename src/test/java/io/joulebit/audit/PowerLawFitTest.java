package io.joulebit.audit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PowerLawFitTest {
    /** n points of E + A·D^(−α) at log-spaced D in [d0, d1], plus Gaussian noise of sd (seeded). */
    static double[][] curve(double e, double a, double alpha, double d0, double d1, int n, double sd, long seed) {
        Random random = new Random(seed);
        double[] d = new double[n], l = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = d0 * Math.pow(d1 / d0, i / (double) (n - 1));
            l[i] = e + a * Math.pow(d[i], -alpha) + sd * random.nextGaussian();
        }
        return new double[][]{d, l};
    }

    @ParameterizedTest(name = "E={0} A={1} α={2} D in [{3}, {4}]")
    @CsvSource({
            "2.0, 180, 0.3, 3e4, 1e8",
            "1.7, 400, 0.076, 1e6, 2e12",   // Kaplan-like: small exponent, huge token counts
            "0.5, 12, 0.5, 1, 1e4",
            "3.0, 5e3, 0.6, 1e5, 1e7",
    })
    void exactPowerLawIsRecovered(double e, double a, double alpha, double d0, double d1) {
        double[][] c = curve(e, a, alpha, d0, d1, 50, 0, 1);
        PowerLawFit f = PowerLawFit.fit(c[0], c[1]).orElseThrow();
        assertThat(f.asymptoteBits()).isCloseTo(e, within(1e-6 * Math.max(1, e)));
        assertThat(f.exponent()).isCloseTo(alpha, within(1e-6 * alpha));
        assertThat(f.amplitude()).isCloseTo(a, within(1e-4 * a));
        assertThat(f.rSquared()).isGreaterThan(1 - 1e-9);
        assertThat(f.points()).isEqualTo(50);
        assertThat(f.minTokens()).isEqualTo(d0);
        assertThat(f.maxTokens()).isCloseTo(d1, within(d1 * 1e-12));
    }

    @Test
    void noisyCurveIsRecoveredApproximatelyWithHonestQuality() {
        double[][] c = curve(2.0, 180, 0.3, 3e4, 1e8, 400, 0.02, 42);
        PowerLawFit f = PowerLawFit.fit(c[0], c[1]).orElseThrow();
        assertThat(f.asymptoteBits()).isCloseTo(2.0, within(0.1));
        assertThat(f.exponent()).isCloseTo(0.3, within(0.02));
        assertThat(f.rmseBits()).isCloseTo(0.02, within(0.004));
        assertThat(f.rSquared()).isBetween(0.99, 1.0);
    }

    @Test
    void unusablePointsAreSkippedAndTooFewGiveNoFit() {
        double[][] c = curve(2.0, 180, 0.3, 3e4, 1e8, 10, 0, 1);
        c[1][3] = Double.NaN;
        c[0][4] = 0;
        c[1][5] = Double.POSITIVE_INFINITY;
        PowerLawFit f = PowerLawFit.fit(c[0], c[1]).orElseThrow();
        assertThat(f.points()).isEqualTo(7);
        assertThat(f.exponent()).isCloseTo(0.3, within(1e-6));
        assertThat(PowerLawFit.fit(new double[]{1, 2, 3}, new double[]{5, 4, 3.5})).isEmpty();
        assertThat(PowerLawFit.fit(new double[0], new double[0])).isEmpty();
    }

    @Test
    void tokensForInvertsTheCurveAndIsUndefinedAtTheAsymptote() {
        PowerLawFit f = new PowerLawFit(2, 180, 0.3, 1, 0, 10, 1, 1e8);
        double d = f.tokensFor(2.6);
        assertThat(f.lossAt(d)).isCloseTo(2.6, within(1e-12));
        assertThat(f.tokensFor(2.0)).isNaN();
        assertThat(f.tokensFor(1.0)).isNaN();
    }
}
