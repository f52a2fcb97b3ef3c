package io.joulebit.demo.grok;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModularAdditionTest {
    @Test
    void splitsEveryPairOnceWithTheRightLabel() {
        ModularAddition d = new ModularAddition(11, 0.4, 7);

        assertThat(d.trainSize()).isEqualTo(48); // round(0.4 * 121)
        assertThat(d.validSize()).isEqualTo(121 - 48);
        Set<Long> seen = new HashSet<>();
        collect(d.trainX, d.trainY, 11, seen);
        collect(d.validX, d.validY, 11, seen);
        assertThat(seen).hasSize(121);
    }

    @Test
    void theSeedChoosesTheSplitAndRepeatsIt() {
        ModularAddition a = new ModularAddition(13, 0.5, 1);

        assertThat(new ModularAddition(13, 0.5, 1).trainX).containsExactly(a.trainX);
        assertThat(new ModularAddition(13, 0.5, 2).trainX).isNotEqualTo(a.trainX);
    }

    private static void collect(long[] x, long[] y, int p, Set<Long> seen) {
        for (int i = 0; i < y.length; i++) {
            long a = x[2 * i];
            long b = x[2 * i + 1] - p; // the second operand's ids follow the first's
            assertThat(a).isBetween(0L, p - 1L);
            assertThat(b).isBetween(0L, p - 1L);
            assertThat(y[i]).isEqualTo((a + b) % p);
            assertThat(seen.add(a * p + b)).as("pair (%d, %d) appears once", a, b).isTrue();
        }
    }
}
