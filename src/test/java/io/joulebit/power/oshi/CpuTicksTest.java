package io.joulebit.power.oshi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuTicksTest {
    private static long[] parse(String s) {
        return s == null || s.isBlank() ? new long[0] : Arrays.stream(s.trim().split("\\s+")).mapToLong(Long::parseLong).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                | prev ticks (user nice sys idle iowait irq softirq steal) | cur ticks | busy ratio or empty
            "half busy             | 0 0 0 0 0 0 0 0         | 30 10 10 50 0 0 0 0       | 0.5",
            "iowait is not busy    | 0 0 0 0 0 0 0 0         | 25 0 0 25 50 0 0 0        | 0.25",
            "irq counts as busy    | 100 0 0 100 0 0 0 0     | 100 0 0 100 0 5 5 0       | 1.0",
            "steal is not busy     | 0 0 0 0 0 0 0 0         | 40 0 0 20 0 0 0 40        | 0.4",
            "seven fields (no steal)| 0 0 0 0 0 0 0          | 1 0 0 3 0 0 0             | 0.25",
            "all idle              | 5 5 5 5 5 5 5 5         | 5 5 5 905 5 5 5 5         | 0.0",
            "no time passed        | 5 5 5 5 5 5 5 5         | 5 5 5 5 5 5 5 5           | ",
            "counter went back     | 9 0 0 9 0 0 0 0         | 8 0 0 20 0 0 0 0          | ",
            "too short             | 1 2 3                   | 4 5 6                     | ",
            "empty                 |                         | 1 2 3 4 5 6 7 8           | ",
    })
    void busyRatio(String name, String prev, String cur, Double expected) {
        OptionalDouble r = CpuTicks.busyRatio(parse(prev), parse(cur));
        if (expected == null) assertThat(r).isEmpty();
        else assertThat(r.orElseThrow()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void nullSnapshotsAreEmpty() {
        assertThat(CpuTicks.busyRatio(null, new long[8])).isEmpty();
        assertThat(CpuTicks.busyRatio(new long[8], null)).isEmpty();
    }
}
