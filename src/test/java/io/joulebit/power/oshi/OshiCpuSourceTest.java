package io.joulebit.power.oshi;

import io.joulebit.power.Availability;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.power.SourceException;
import io.joulebit.time.ManualNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OshiCpuSourceTest {
    private final AtomicReference<long[]> ticks = new AtomicReference<>(new long[]{0, 0, 0, 0, 0, 0, 0, 0});
    private final ManualNanoClock clock = new ManualNanoClock(42);

    @Test
    void reportsUtilizationAndTemperatureButNoWatts() throws Exception {
        OshiCpuSource src = new OshiCpuSource(new OshiCpuReader(ticks::get, () -> 61.5, 4), clock);
        Availability a = src.probe();
        assertThat(a.available()).isTrue();
        assertThat(a.devices()).containsExactly("cpu");
        assertThat(a.reason()).contains("no power");

        ticks.set(new long[]{60, 0, 15, 25, 0, 0, 0, 0});
        PowerSample s = src.sample().get(0);
        assertThat(s.watts()).isNaN();
        assertThat(s.hasWatts()).isFalse();
        assertThat(s.kind()).isEqualTo(DeviceKind.CPU);
        assertThat(s.source()).isEqualTo("oshi");
        assertThat(s.monoNanos()).isEqualTo(42);
        assertThat(s.utilization().orElseThrow()).isCloseTo(0.75, within(1e-12));
        assertThat(s.celsius()).hasValue(61.5);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, Double.NaN, -5.0, 400.0, Double.POSITIVE_INFINITY})
    void unknownTemperatureIsAbsentNotZero(double oshiSays) {
        OshiCpuReader reader = new OshiCpuReader(ticks::get, () -> oshiSays, 2);
        assertThat(reader.celsius()).isEmpty();
    }

    @Test
    void noTicksAndNoTemperatureIsAnErrorNotZeros() {
        OshiCpuSource src = new OshiCpuSource(new OshiCpuReader(() -> null, () -> 0.0, 2), clock);
        assertThat(src.probe().available()).isFalse();
        assertThatThrownBy(src::sample).isInstanceOf(SourceException.class);
    }

    @Test
    void throwingOshiNeverEscapes() {
        OshiCpuReader reader = new OshiCpuReader(() -> { throw new IllegalStateException("boom"); },
                () -> { throw new UnsatisfiedLinkError("jna"); }, 2);
        assertThat(reader.busyRatio()).isEmpty();
        assertThat(reader.celsius()).isEmpty();
        assertThat(reader.problem()).isPresent();
    }

    @Test
    void realOshiGivesAUtilizationOnThisMachine() {
        OshiCpuReader reader = OshiCpuReader.system();
        assertThat(reader.problem()).isEmpty();
        assertThat(reader.logicalCpus()).isPositive();
        // Tick counters move every jiffy; poll with a deadline instead of sleeping a fixed time.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        OptionalDouble u = OptionalDouble.empty();
        while (u.isEmpty() && Instant.now().isBefore(deadline)) u = reader.busyRatio();
        assertThat(u).isPresent();
        assertThat(u.getAsDouble()).isBetween(0.0, 1.0);
    }
}
