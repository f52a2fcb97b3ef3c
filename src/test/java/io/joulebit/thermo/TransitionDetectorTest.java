package io.joulebit.thermo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TransitionDetectorTest {
    private static HeatCapacity window(long lastStep, double c) {
        return new HeatCapacity(lastStep - 31, lastStep, 32, Figure.of(c), Figure.of(1), Figure.of(c));
    }

    private static HeatCapacity invalid(long lastStep) {
        Figure f = Figure.absent(Flag.LR_CHANGED);
        return new HeatCapacity(lastStep - 31, lastStep, 32, Figure.of(1), Figure.of(1), f);
    }

    @Test
    void twoConsecutivePeaksAfterAFullHistoryAreOneCandidateWithItsPeakStep() {
        TransitionDetector d = new TransitionDetector();
        Random r = new Random(1L);
        long step = 0;
        for (int i = 0; i < 20; i++) {
            assertThat(d.accept(window(step += 32, 100 + r.nextGaussian()))).isFalse();
        }
        assertThat(d.accept(window(step += 32, 1000))).isFalse(); // one window is not enough
        assertThat(d.accept(window(step += 32, 3000))).isTrue();
        long peak = step;
        assertThat(d.accept(window(step += 32, 2000))).isTrue(); // same run, same candidate
        assertThat(d.candidates()).isEqualTo(1);
        assertThat(d.peakStep()).hasValue(peak);
        assertThat(d.accept(window(step += 32, 100))).isFalse();
        assertThat(d.candidates()).isEqualTo(1);
    }

    @Test
    void noCandidateBeforeTheHistoryIsFullOrAcrossAnInvalidWindow() {
        TransitionDetector d = new TransitionDetector();
        long step = 0;
        for (int i = 0; i < 19; i++) {
            d.accept(window(step += 32, 100 + i % 3));
        }
        assertThat(d.accept(window(step += 32, 1e6))).isFalse(); // 19 previous windows only
        d.accept(window(step += 32, 100));
        for (int i = 0; i < 20; i++) {
            d.accept(window(step += 32, 100 + i % 3));
        }
        assertThat(d.accept(window(step += 32, 1e6))).isFalse();
        assertThat(d.accept(invalid(step += 32))).isFalse();
        assertThat(d.accept(window(step += 32, 1e6))).isFalse();
        assertThat(d.candidates()).isZero();
        assertThat(d.peakStep()).isEmpty();
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertThat(TransitionDetector.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(TransitionDetector.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
    }
}
