package io.joulebit.power.intel;

import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.power.Availability;
import io.joulebit.power.DeviceMethod;
import io.joulebit.power.PowerSample;
import io.joulebit.power.gpu.FakeDrm;
import io.joulebit.power.rapl.SysfsReader;
import io.joulebit.run.DeviceReading;
import io.joulebit.run.EnergyLedger;
import io.joulebit.run.EnergyQuality;
import io.joulebit.time.ManualNanoClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** i915 and xe hwmon on fake sysfs trees: an Arc/Flex card on i915, a Max card on xe, an old kernel without energy. */
class IntelGpuSourceTest {
    @TempDir Path root;
    private final ManualNanoClock clock = new ManualNanoClock(0);

    @Test
    void i915AndXeEnergyCountersAreReadAndCheckedAgainstTheLimit() throws Exception {
        FakeDrm drm = new FakeDrm(root);
        Path arc = drm.card(0, "0000:03:00.0", 1, Map.of("vendor", "0x8086", "device", "0x56c0"),
                Map.of("name", "i915", "energy1_input", "5000000", "power1_max", "120000000",
                        "power1_rated_max", "150000000", "in0_input", "830"));
        drm.card(1, "0000:0a:00.0", 2, Map.of("vendor", "0x8086", "device", "0x0bd5"),
                Map.of("name", "xe", "energy1_input", "0", "power1_rated_max", "600000000", "temp2_input", "47000"));
        drm.card(2, "0000:0b:00.0", 3, Map.of("vendor", "0x8086", "device", "0x56c1"), Map.of("name", "i915"));
        IntelGpuSource s = new IntelGpuSource(root, SysfsReader.FILES, Map.of(), clock);
        Availability a = s.probe();
        assertThat(a.devices()).containsExactly("gpu0", "gpu1", "gpu2");
        assertThat(a.reason()).isEqualTo("3 GPUs via i915/xe hwmon, energy counter on 2");
        assertThat(s.methods()).containsExactly(new DeviceMethod("gpu0", "counter", ""),
                new DeviceMethod("gpu1", "counter", ""), new DeviceMethod("gpu2", "none", "energy1_input missing: "
                        + "kernel too old (i915 hwmon energy since Linux 6.2, xe since 6.8) or not readable by this user"));
        PowerSample p0 = s.sample().get(0);
        assertThat(p0.watts()).isNaN(); // no instantaneous power from these drivers
        assertThat(p0.energyJoules()).hasValue(5.0);
        assertThat(p0.powerLimitWatts()).hasValue(120.0); // power1_max before power1_rated_max
        assertThat(s.sample().get(1).powerLimitWatts()).hasValue(600.0);
        assertThat(s.sample().get(1).celsius()).hasValue(47.0);

        EnergyLedger ledger = new EnergyLedger();
        for (int t = 0; t <= 5; t++) {
            // 100 W, except one impossible jump of 1 kJ in a second at t = 3 (limit 120 W)
            FakeDrm.write(arc, "energy1_input", 5_000_000L + 100_000_000L * t + (t >= 3 ? 1_000_000_000L : 0));
            clock.advance(Duration.ofSeconds(1));
            s.sample().forEach(ledger::accept);
        }
        DeviceReading r = ledger.readings().get(0);
        assertThat(r.quality()).isEqualTo(EnergyQuality.COUNTER);
        assertThat(r.energyJoules()).isEqualTo(400.0); // five seconds of 100 W less the refused one
    }

    @Test
    void zeAffinityMaskSelectsCards() throws Exception {
        FakeDrm drm = new FakeDrm(root);
        for (int i = 0; i < 3; i++) {
            drm.card(i, "0000:0" + (i + 3) + ":00.0", i + 1, Map.of("vendor", "0x8086", "device", "0x0bd5"),
                    Map.of("name", "xe", "energy1_input", "1"));
        }
        IntelGpuSource s = new IntelGpuSource(root, SysfsReader.FILES, Map.of("ZE_AFFINITY_MASK", "0.1,2"), clock);
        assertThat(s.probe().devices()).containsExactly("gpu0", "gpu2");
    }

    @Test
    void anAmdOrNvidiaOnlyMachineHasNoIntelGpu() throws Exception {
        new FakeDrm(root).card(0, "0000:c1:00.0", 2, Map.of("vendor", "0x1002"), Map.of("name", "amdgpu"));
        Availability a = new IntelGpuSource(root, SysfsReader.FILES, Map.of(), clock).probe();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("no i915/xe hwmon");
    }
}
