package io.joulebit.audit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ComparisonTest {
    // [energy J, loss bits, tokens]
    static final List<double[]> CURVE = List.of(new double[]{0, 10, 0}, new double[]{100, 8, 1000},
            new double[]{200, 6, 2000}, new double[]{300, 5, 3000});

    @Test
    void lossAtTokensInterpolatesBetweenCheckpoints() {
        assertThat(Comparison.lossAt(CURVE, 1500).getAsDouble()).isCloseTo(7, within(1e-12));
        assertThat(Comparison.lossAt(CURVE, 3000).getAsDouble()).isEqualTo(5);
        assertThat(Comparison.lossAt(CURVE, 3001)).isEmpty(); // never reached: no extrapolation
    }

    @Test
    void energyToALossIsTheFirstCheckpointAtOrBelowIt() {
        assertThat(Comparison.energyTo(CURVE, 6).getAsDouble()).isEqualTo(200);
        assertThat(Comparison.energyTo(CURVE, 5.5).getAsDouble()).isEqualTo(300);
        assertThat(Comparison.energyTo(CURVE, 4)).isEmpty();
    }
}
