package io.joulebit.thermo;

import static io.joulebit.thermo.Rounded.assertRelClose;
import static io.joulebit.thermo.Rounded.assertRoundsTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Vector C rates, the prequential sum and the telescoping of the total flux. */
class NegentropyFluxTest {
    private static final double H = Units.natsToBits(10.8);
    private static final double[] T = {0, 600, 1200, 1800, 2400};
    private static final long[] D = {0, 300_000_000L, 600_000_000L, 900_000_000L, 1_200_000_000L};
    private static final double[] LOSS_NATS = {10.8, 5.0, 4.0, 3.6, 3.35};

    private static NegentropyFlux.Point point(int i) {
        return new NegentropyFlux.Point(T[i], D[i], Units.natsToBits(LOSS_NATS[i]), H);
    }

    @Test
    void vectorC_bothFormsAt2400s() {
        assertRoundsTo(NegentropyFlux.total(point(3), point(4)).value(), "5.915e6");
        assertRoundsTo(NegentropyFlux.throughput(point(3), point(4)).value(), "5.284e6");
        // σ = 2000 W / 300 K dwarfs Φ·k_B·ln 2 (~5.7e-17 W/K).
        assertThat(NegentropyFlux.secondLawHolds(5.915e6, 2000.0 / 300)).isTrue();
    }

    @Test
    void totalFluxTelescopesToNetBitsAndPrequentialMatchesThroughput() {
        Prequential preq = new Prequential();
        assertThat(preq.curve()).isEmpty();
        double sumTotal = 0;
        double sumThroughput = 0;
        ModelTerm term = ModelTerm.bitsPerToken(0.25);
        for (int i = 0; i < T.length; i++) {
            preq.add(D[i], Units.natsToBits(LOSS_NATS[i]));
            if (i > 0) {
                sumTotal += NegentropyFlux.total(point(i - 1), point(i), term).value() * (T[i] - T[i - 1]);
                sumThroughput += NegentropyFlux.throughput(point(i - 1), point(i)).value() * (T[i] - T[i - 1]);
            }
        }
        double netBits = D[4] * (H - Units.natsToBits(LOSS_NATS[4]) - 0.25);
        assertRelClose(sumTotal, netBits, 1e-12);
        assertRelClose(preqBits(preq, H), sumThroughput, 1e-12);
        // By hand in nats: 3e8 · Σ (10.8 − mean of neighbours) = 3e8 · (2.9 + 6.3 + 7.0 + 7.325), then to bits.
        assertRelClose(preqBits(preq, H), 3e8 * 23.525 / Math.log(2), 1e-12);
        assertThat(preqBits(preq, H)).isLessThan(D[4] * (H - Units.natsToBits(LOSS_NATS[4])));
    }

    @Test
    void negativeFluxOnASpikeIsNotClamped() {
        NegentropyFlux.Point before = new NegentropyFlux.Point(0, 1000, 4, 15);
        NegentropyFlux.Point spike = new NegentropyFlux.Point(10, 1100, 9, 15);
        assertThat(NegentropyFlux.total(before, spike).value()).isEqualTo((1100 * 6 - 1000 * 11) / 10.0);
        assertThat(NegentropyFlux.total(before, spike).value()).isNegative();
    }

    @Test
    void undefinedIntervalsAreAbsent() {
        NegentropyFlux.Point a = new NegentropyFlux.Point(5, 1000, 4, 15);
        assertThat(NegentropyFlux.total(a, a).reason()).isEqualTo(Flag.NO_ELAPSED);
        NegentropyFlux.Point nan = new NegentropyFlux.Point(6, 1000, Double.NaN, 15);
        assertThat(NegentropyFlux.throughput(a, nan).reason()).isEqualTo(Flag.NAN_LOSS);
        Prequential p = new Prequential();
        assertThat(p.add(10, Double.NaN)).isFalse();
        assertThat(p.add(10, 5)).isTrue();
        assertThat(p.add(5, 5)).isFalse(); // D went backwards
    }

    @Test
    void randomTracesTelescope() {
        Random r = new Random(5L);
        for (int c = 0; c < 500; c++) {
            double t = 0;
            long d = r.nextInt(1000);
            double h = 10 + 5 * r.nextDouble();
            NegentropyFlux.Point prev = new NegentropyFlux.Point(t, d, h * r.nextDouble() * 1.2, h);
            NegentropyFlux.Point first = prev;
            double sum = 0;
            for (int k = 0; k < 50; k++) {
                t += 0.1 + r.nextDouble() * 30;
                d += r.nextInt(1_000_000);
                NegentropyFlux.Point cur = new NegentropyFlux.Point(t, d, h * r.nextDouble() * 1.2, h);
                sum += NegentropyFlux.total(prev, cur).value() * (cur.tSeconds() - prev.tSeconds());
                prev = cur;
            }
            double b = prev.tokens() * (h - prev.lossBits()) - first.tokens() * (h - first.lossBits());
            assertRelClose(sum, b, 1e-9);
        }
    }

    /** I_preq of the curve so far at baseline h. */
    private static double preqBits(Prequential p, double h) {
        return Structural.compute(p.curve(), Figure.absent(Flag.NO_LOSS), Figure.of(h), Figure.absent(Flag.NO_ENERGY))
                .prequentialBits().value();
    }
}
