package io.joulebit.agent;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SampleRateTest {
    private static PowerSample at(String device, long nanos) {
        return PowerSample.of(device, DeviceKind.GPU, "nvml", nanos, 100);
    }

    @Test
    void meanRatePerDeviceOnTheMonotonicClock() {
        SampleRate r = new SampleRate();
        assertThat(r.hertz()).isNaN();
        r.accept(List.of(at("gpu0", -1_000_000_000L))); // System.nanoTime may be negative
        assertThat(r.hertz()).as("one sample has no rate").isNaN();
        for (int i = 1; i <= 10; i++) r.accept(List.of(at("gpu0", -1_000_000_000L + i * 100_000_000L))); // 10 Hz
        for (int i = 0; i <= 2; i++) r.accept(List.of(at("gpu1", i * 1_000_000_000L)));                   // 1 Hz
        assertThat(r.hertz()).isCloseTo((10 + 1) / 2.0, within(1e-9));
    }
}
