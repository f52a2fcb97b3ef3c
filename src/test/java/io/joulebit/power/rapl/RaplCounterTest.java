package io.joulebit.power.rapl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RaplCounterTest {
    private static final long SECOND = 1_000_000_000L;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // case,              range uJ,     first uJ,    second uJ,  dt s, energy J after, watts,  event
            "normal,              1000000000,   5000000,     9000000,    2,    9.0,            2.0,    NORMAL",
            "wrap,                1000000000,   999000000,   1000000,    1,    1001.0,         2.0,    WRAP",
            "wrap to zero,        1000000000,   999500000,   0,          1,    1000.0,         0.5,    WRAP",
            "equal reading,       1000000000,   7000000,     7000000,    1,    7.0,            0.0,    NORMAL",
            "reset unknown range, -1,           9000000,     1000000,    1,    9.0,            NaN,    RESET",
            "prev above range,    5000000,      9000000,     1000000,    1,    9.0,            NaN,    RESET",
    })
    void unwrapsAndComputesWatts(String name, long range, long first, long second, long dtSeconds,
                                 double energyAfter, double watts, RaplCounter.Event event) {
        RaplCounter c = new RaplCounter(range);
        RaplCounter.Reading r0 = c.update(first, 10 * SECOND);
        assertThat(r0.event()).isEqualTo(RaplCounter.Event.FIRST);
        assertThat(r0.watts()).isNaN();
        assertThat(r0.energyJoules()).isCloseTo(first / 1e6, within(1e-9));

        RaplCounter.Reading r1 = c.update(second, (10 + dtSeconds) * SECOND);
        assertThat(r1.event()).isEqualTo(event);
        assertThat(r1.energyJoules()).isCloseTo(energyAfter, within(1e-9)).isGreaterThanOrEqualTo(r0.energyJoules());
        if (Double.isNaN(watts)) assertThat(r1.watts()).isNaN();
        else assertThat(r1.watts()).isCloseTo(watts, within(1e-9));
    }

    @Test
    void zeroElapsedTimeGivesNoWattsButKeepsEnergy() {
        RaplCounter c = new RaplCounter(1_000_000_000L);
        c.update(1_000_000, SECOND);
        RaplCounter.Reading r = c.update(4_000_000, SECOND);
        assertThat(r.watts()).isNaN();
        assertThat(r.energyJoules()).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void manyWrapsStayMonotonicAndSumExactly() {
        long range = 262_143_328_850L;
        RaplCounter c = new RaplCounter(range);
        long raw = range - 50_000_000L;
        double start = c.update(raw, 0).energyJoules();
        double prev = start;
        long t = 0;
        for (int i = 0; i < 2000; i++) {
            raw = (raw + 130_000_000L) % range; // 130 J per second, wraps about once per 2000 s
            t += SECOND;
            RaplCounter.Reading r = c.update(raw, t);
            assertThat(r.energyJoules()).isGreaterThanOrEqualTo(prev);
            assertThat(r.watts()).isCloseTo(130.0, within(1e-6));
            prev = r.energyJoules();
        }
        assertThat(prev - start).isCloseTo(2000 * 130.0, within(1e-3));
    }
}
