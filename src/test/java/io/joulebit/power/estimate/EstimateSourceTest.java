package io.joulebit.power.estimate;

import io.joulebit.power.Availability;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.time.ManualNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EstimateSourceTest {
    /** Hands out a scripted sequence of utilizations. */
    static final class FakeUtilization implements CpuUtilization {
        final Deque<OptionalDouble> next = new ArrayDeque<>();
        Optional<String> problem = Optional.empty();

        FakeUtilization then(double u) { next.add(OptionalDouble.of(u)); return this; }
        FakeUtilization thenUnknown() { next.add(OptionalDouble.empty()); return this; }

        @Override public OptionalDouble busyRatio() { return next.isEmpty() ? OptionalDouble.empty() : next.poll(); }
        @Override public Optional<String> problem() { return problem; }
    }

    private final ManualNanoClock clock = new ManualNanoClock(7);

    @ParameterizedTest(name = "u={2}")
    @CsvSource({
            "10, 110, 0.0,  10.0",
            "10, 110, 0.25, 35.0",
            "10, 110, 1.0,  110.0",
            "10, 110, 1.7,  110.0", // clamped
            "10, 110, -0.2, 10.0",
            "0,  0,   0.5,  0.0",
    })
    void linearModel(double idle, double max, double u, double watts) {
        assertThat(new CpuPowerModel(idle, max).watts(u)).isCloseTo(watts, within(1e-12));
    }

    @Test
    void defaultsScaleWithLogicalCpus() {
        CpuPowerModel m = CpuPowerModel.forLogicalCpus(8);
        assertThat(m.idleWatts()).isCloseTo(8 * 0.74, within(1e-12));
        assertThat(m.maxWatts()).isCloseTo(8 * 3.5, within(1e-12));
        assertThat(CpuPowerModel.forLogicalCpus(0).maxWatts()).isCloseTo(3.5, within(1e-12));
        assertThat(new CpuPowerModel(5, 20).watts(Double.NaN)).isNaN();
    }

    @Test
    void badModelsAreRejected() {
        assertThatThrownBy(() -> new CpuPowerModel(50, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CpuPowerModel(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CpuPowerModel(Double.NaN, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CpuPowerModel(1, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void samplesAreLabelledEstimateWithUtilization() {
        FakeUtilization u = new FakeUtilization().then(0.5).thenUnknown();
        EstimateSource src = new EstimateSource(u, new CpuPowerModel(20, 100), clock);
        Availability a = src.probe();
        assertThat(a.available()).isTrue();
        assertThat(a.devices()).containsExactly("cpu");
        assertThat(a.reason()).contains("estimated", "20.00 W", "100.00 W");

        PowerSample s = src.sample().get(0);
        assertThat(s.source()).isEqualTo("estimate");
        assertThat(s.device()).isEqualTo("cpu");
        assertThat(s.kind()).isEqualTo(DeviceKind.CPU);
        assertThat(s.monoNanos()).isEqualTo(7);
        assertThat(s.watts()).isCloseTo(60.0, within(1e-12));
        assertThat(s.utilization()).hasValue(0.5);
        assertThat(s.energyJoules()).isEmpty();

        PowerSample unknown = src.sample().get(0);
        assertThat(unknown.watts()).isNaN(); // never a made-up idle figure
        assertThat(unknown.utilization()).isEmpty();
    }

    @Test
    void unreadableUtilizationMakesItUnavailable() {
        FakeUtilization u = new FakeUtilization();
        u.problem = Optional.of("no /proc/stat");
        Availability a = new EstimateSource(u, CpuPowerModel.forLogicalCpus(2), clock).probe();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("no /proc/stat");
    }
}
