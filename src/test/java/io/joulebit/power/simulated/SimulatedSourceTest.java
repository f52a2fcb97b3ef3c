package io.joulebit.power.simulated;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.time.ManualNanoClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SimulatedSourceTest {
    private static final List<SimulatedDevice> DEVICES = List.of(
            new SimulatedDevice("gpu0", DeviceKind.GPU, 300, 50, 20, 10, 1),
            new SimulatedDevice("cpu", DeviceKind.CPU, 80, 0, 60, 0, 2));

    private static List<Double> run(long seedOffset, int steps) {
        ManualNanoClock clock = new ManualNanoClock(5_000);
        List<SimulatedDevice> devs = DEVICES.stream().map(d -> new SimulatedDevice(d.name(), d.kind(), d.baseWatts(),
                d.amplitudeWatts(), d.periodSeconds(), d.noiseWatts(), d.seed() + seedOffset)).toList();
        SimulatedSource src = new SimulatedSource(devs, clock, false);
        List<Double> watts = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            src.sample().forEach(s -> watts.add(s.watts()));
            clock.advance(Duration.ofMillis(700));
        }
        return watts;
    }

    @Test
    void sameConfigAndTimesGiveTheSameWattsAndSeedsMatter() {
        assertThat(run(0, 50)).isEqualTo(run(0, 50));
        assertThat(run(0, 50)).isNotEqualTo(run(99, 50));
    }

    @Test
    void wattsStayWithinTheConfiguredBand() {
        List<Double> w = run(0, 200);
        for (int i = 0; i < w.size(); i += 2) assertThat(w.get(i)).isBetween(300 - 50 - 10.0, 300 + 50 + 10.0);
        for (int i = 1; i < w.size(); i += 2) assertThat(w.get(i)).isEqualTo(80.0);
        assertThat(w.stream().filter(x -> x > 300).count()).isPositive(); // the sinusoid actually moves
        assertThat(w.stream().filter(x -> x < 300 && x != 80.0).count()).isPositive();
    }

    @Test
    void energyIsMonotonicAndTheTrapezoidOfTheWatts() {
        ManualNanoClock clock = new ManualNanoClock();
        SimulatedSource src = new SimulatedSource(DEVICES, clock, true);
        assertThat(src.probe().devices()).containsExactly("gpu0", "cpu");
        double expected = 0;
        double prevWatts = Double.NaN;
        double prevEnergy = -1;
        for (int i = 0; i < 100; i++) {
            PowerSample gpu = src.sample().get(0);
            if (i > 0) expected += 0.25 * (prevWatts + gpu.watts()) / 2;
            assertThat(gpu.energyJoules().orElseThrow()).isCloseTo(expected, within(1e-9))
                    .isGreaterThanOrEqualTo(prevEnergy);
            assertThat(gpu.source()).isEqualTo("simulated");
            prevWatts = gpu.watts();
            prevEnergy = gpu.energyJoules().getAsDouble();
            clock.advance(Duration.ofMillis(250));
        }
    }

    @Test
    void withoutEnergyNoCounterIsEmitted() {
        SimulatedSource src = new SimulatedSource(DEVICES, new ManualNanoClock(), false);
        assertThat(src.sample()).allSatisfy(s -> assertThat(s.energyJoules()).isEmpty());
    }

    @Test
    void badConfigIsRejectedAndEmptyIsUnavailable() {
        assertThatThrownBy(() -> new SimulatedDevice("x", DeviceKind.GPU, -1, 0, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatedDevice("x", DeviceKind.GPU, 1, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatedSource(List.of(SimulatedDevice.of("a", DeviceKind.CPU, 1, 1),
                SimulatedDevice.of("a", DeviceKind.GPU, 1, 2)), new ManualNanoClock(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new SimulatedSource(List.of(), new ManualNanoClock(), false).probe().available()).isFalse();
    }

    @Test
    void noiseIsUniformEnough() {
        double sum = 0;
        for (long i = 0; i < 10_000; i++) {
            double u = SimulatedDevice.unit(42, i);
            assertThat(u).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
            sum += u;
        }
        assertThat(sum / 10_000).isCloseTo(0.5, within(0.02));
    }
}
