package io.joulebit.run;

import io.joulebit.power.RawCounter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every way a stored hardware counter may or may not cover a downtime of 10 s, each naming the exported reason. */
class ResumeCheckTest {
    private static final long T0 = 5_000_000_000L;
    private static final long DOWN = 10_000_000_000L; // 10 s
    private static final double RAPL_RANGE = 262_143.328850;

    private static RawCounter nvml(double joules, String uuid, String epoch, double limitWatts) {
        return new RawCounter(joules, uuid, epoch, Double.NaN, limitWatts);
    }

    private static RawCounter rapl(double joules, String zone, double rangeJ, double peakWatts) {
        return new RawCounter(joules, zone, "max_energy_range_uj=" + Math.round(rangeJ * 1e6), rangeJ, peakWatts);
    }

    static Stream<Arguments> cases() {
        String zone = "/sys/class/powercap/intel-rapl:0";
        return Stream.of(
                // name, stored, now, expected joules (NaN when a gap), expected reason
                Arguments.of("nvml counted on: 2.5 kJ in 10 s under a 300 W limit", nvml(1e6, "GPU-a", "load-1", 300),
                        nvml(1e6 + 2500, "GPU-a", "load-1", 300), 2500.0, null),
                Arguments.of("source gives no raw counter any more", nvml(1e6, "GPU-a", "load-1", 300), null,
                        Double.NaN, "no_counter"),
                Arguments.of("another GPU in the slot", nvml(1e6, "GPU-a", "load-1", 300),
                        nvml(1e6 + 100, "GPU-b", "load-1", 300), Double.NaN, "device_changed"),
                Arguments.of("driver reloaded", nvml(1e6, "GPU-a", "load-1", 300),
                        nvml(1e6 + 100, "GPU-a", "load-2", 300), Double.NaN, "counter_reset"),
                Arguments.of("counter went back, same epoch", nvml(1e6, "GPU-a", "load-1", 300),
                        nvml(5e5, "GPU-a", "load-1", 300), Double.NaN, "negative_delta"),
                Arguments.of("more than 300 W for 10 s", nvml(1e6, "GPU-a", "load-1", 300),
                        nvml(1e6 + 3500, "GPU-a", "load-1", 300), Double.NaN, "over_power_limit"),
                Arguments.of("power limit unknown: the delta is taken", nvml(1e6, "GPU-a", "load-1", Double.NaN),
                        nvml(1e6 + 9000, "GPU-a", "load-1", Double.NaN), 9000.0, null),
                Arguments.of("rapl wrapped once: 2 kJ", rapl(RAPL_RANGE - 1000, zone, RAPL_RANGE, 1000),
                        rapl(1000, zone, RAPL_RANGE, 1000), 2000.0, null),
                Arguments.of("rapl range changed", rapl(1000, zone, RAPL_RANGE, 1000),
                        rapl(2000, zone, 65_532.0, 1000), Double.NaN, "counter_reset"),
                Arguments.of("rapl could have wrapped twice (tiny range)", rapl(100, zone, 5000, 1000),
                        rapl(200, zone, 5000, 1000), Double.NaN, "wrap_ambiguous"),
                Arguments.of("rapl without a power bound", rapl(100, zone, RAPL_RANGE, Double.NaN),
                        rapl(200, zone, RAPL_RANGE, Double.NaN), Double.NaN, "wrap_ambiguous"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesEachCase(String name, RawCounter stored, RawCounter now, double joules, String reason) {
        ResumeCheck.Outcome o = ResumeCheck.check(new CounterMark(stored, T0), now, T0 + DOWN);
        assertThat(o.reason()).isEqualTo(reason);
        assertThat(o.seconds()).isCloseTo(10.0, within(1e-9));
        if (reason == null) {
            assertThat(o.covered()).isTrue();
            assertThat(o.joules()).isCloseTo(joules, within(1e-6));
        } else {
            assertThat(o.covered()).isFalse();
            assertThat(o.joules()).isNaN();
        }
    }
}
