package io.joulebit.power.oshi;

import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.power.Availability;
import io.joulebit.power.PowerSample;
import io.joulebit.time.ManualNanoClock;
import java.util.List;
import org.junit.jupiter.api.Test;
import oshi.hardware.GpuStats;
import oshi.hardware.GpuTicks;
import oshi.hardware.GraphicsCard;

class OshiGpuSourceTest {
    record Stats(double watts, double celsius, double utilPercent) implements GpuStats {
        @Override public void close() { }
        @Override public boolean isClosed() { return false; }
        @Override public GpuTicks getGpuTicks() { return new GpuTicks(0, 0); }
        @Override public double getGpuUtilization() { return utilPercent; }
        @Override public long getVramUsed() { return -1; }
        @Override public long getSharedMemoryUsed() { return -1; }
        @Override public double getTemperature() { return celsius; }
        @Override public double getPowerDraw() { return watts; }
        @Override public long getCoreClockMhz() { return -1; }
        @Override public long getMemoryClockMhz() { return -1; }
        @Override public double getFanSpeedPercent() { return -1; }
    }

    record Card(String name, Stats stats) implements GraphicsCard {
        @Override public String getName() { return name; }
        @Override public String getDeviceId() { return "0x2330"; }
        @Override public String getVendor() { return "NVIDIA Corporation"; }
        @Override public String getVersionInfo() { return ""; }
        @Override public long getVRam() { return 0; }
        @Override public GpuStats createStatsSession() { return stats; }
    }

    private final ManualNanoClock clock = new ManualNanoClock(42);

    @Test
    void minusOneAndZeroDegreesAreAbsent() {
        OshiGpuSource src = new OshiGpuSource(() -> List.of(
                new Card("NVIDIA H100 80GB HBM3", new Stats(631.95, 59, 100)),
                new Card("Matrox G200eW3", new Stats(-1, 0, -1))), clock);
        List<PowerSample> s = src.sample();
        assertThat(s).extracting(PowerSample::device).containsExactly("gpu0", "gpu1");
        assertThat(s.get(0).watts()).isEqualTo(631.95);
        assertThat(s.get(0).celsius()).hasValue(59.0);
        assertThat(s.get(0).utilization()).hasValue(1.0);
        assertThat(s.get(0).source()).isEqualTo("oshi");
        assertThat(s.get(1).watts()).isNaN();
        assertThat(s.get(1).celsius()).isEmpty();
        assertThat(s.get(1).utilization()).isEmpty();

        Availability a = src.probe();
        assertThat(a.available()).isTrue();
        assertThat(a.devices()).containsExactly("gpu0");
    }

    @Test
    void cardsWithoutPowerAreUnavailableAndSayWhich() {
        Availability a = new OshiGpuSource(() -> List.of(new Card("Matrox G200eW3", new Stats(-1, -1, -1))), clock)
                .probe();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("gpu0 (Matrox G200eW3)").contains("no power draw");
    }

    @Test
    void noCardOrAFailingListIsUnavailableNotThrown() {
        assertThat(new OshiGpuSource(List::of, clock).probe().reason()).isEqualTo("OSHI found no graphics card");
        OshiGpuSource broken = new OshiGpuSource(() -> {
            throw new IllegalStateException("udev unavailable");
        }, clock);
        assertThat(broken.probe().reason()).startsWith("OSHI could not list graphics cards");
        assertThat(broken.sample()).isEmpty();
    }

    @Test
    void realOshiOnThisMachineAnswersWithoutThrowing() {
        try (OshiGpuSource real = OshiGpuSource.system()) {
            Availability a = real.probe();
            if (!a.available()) {
                assertThat(a.reason()).isNotBlank();
                assertThat(a.devices()).isEmpty();
            } else {
                assertThat(real.sample()).isNotEmpty();
            }
        }
    }
}
