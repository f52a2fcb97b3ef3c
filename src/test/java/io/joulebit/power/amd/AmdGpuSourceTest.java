package io.joulebit.power.amd;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** amdgpu hwmon on fake sysfs trees laid out as the kernel lays them out (two MI250X modules = four dies). */
class AmdGpuSourceTest {
    @TempDir Path root;
    private final ManualNanoClock clock = new ManualNanoClock(1_000_000_000L);
    private Path die0, die1, die2, die3;

    /** Two MI250X modules: each die its own card and hwmon; the module's power on its first die only. */
    private FakeDrm mi250x(boolean energy) throws Exception {
        FakeDrm drm = new FakeDrm(root);
        Map<String, String> dev = Map.of("vendor", "0x1002", "device", "0x740c", "gpu_busy_percent", "87");
        die0 = drm.card(0, "0000:c1:00.0", 2, Map.of("vendor", "0x1002", "device", "0x740c", "gpu_busy_percent", "87",
                "unique_id", "2f5c4b8a1e0d3c77"), primary(energy));
        die1 = drm.card(1, "0000:c6:00.0", 3, dev, secondary());
        die2 = drm.card(2, "0000:c9:00.0", 4, dev, primary(energy));
        die3 = drm.card(3, "0000:ce:00.0", 5, dev, secondary());
        return drm;
    }

    private static Map<String, String> primary(boolean energy) {
        var m = new HashMap<>(Map.of("name", "amdgpu", "power1_average", "420000000", "power1_cap",
                "560000000", "temp1_input", "44000", "temp1_label", "edge", "temp2_input", "61000", "temp2_label",
                "junction", "temp3_input", "58000", "temp3_label", "mem"));
        if (energy) m.put("energy1_input", "1000000000");
        return m;
    }

    private static Map<String, String> secondary() {
        return Map.of("name", "amdgpu", "temp1_input", "43000", "temp2_input", "59000", "power1_cap", "0");
    }

    private AmdGpuSource source(Map<String, String> env) {
        return new AmdGpuSource(root, SysfsReader.FILES, env, clock);
    }

    @Test
    void eachDieIsOneDeviceAndTheModulePowerIsCountedOnce() throws Exception {
        mi250x(false);
        AmdGpuSource s = source(Map.of());
        Availability a = s.probe();
        assertThat(a.devices()).containsExactly("gpu0", "gpu1", "gpu2", "gpu3");
        List<PowerSample> samples = s.sample();
        assertThat(samples).hasSize(4);
        assertThat(samples.stream().filter(PowerSample::hasWatts).mapToDouble(PowerSample::watts).sum())
                .isEqualTo(840.0); // two modules of 420 W, not four dies
        PowerSample p = samples.get(0);
        assertThat(p.celsius()).hasValue(61.0); // junction
        assertThat(p.powerLimitWatts()).hasValue(560.0);
        assertThat(p.utilization()).hasValue(0.87);
        assertThat(p.energyJoules()).isEmpty();
        assertThat(samples.get(1).watts()).isNaN();
        assertThat(samples.get(1).powerLimitWatts()).isEmpty(); // a 0 cap is no cap
        assertThat(s.methods()).containsExactly(
                new DeviceMethod("gpu0", "integrated", "energy1_input missing: kernel too old"),
                new DeviceMethod("gpu1", "none", "no power1_average/power1_input on this die (on MI250/MI250X the "
                        + "module's power is reported by its other die)"),
                new DeviceMethod("gpu2", "integrated", "energy1_input missing: kernel too old"),
                new DeviceMethod("gpu3", "none", "no power1_average/power1_input on this die (on MI250/MI250X the "
                        + "module's power is reported by its other die)"));
        assertThat(s.deviceExtras().get("gpu0").info()).containsEntry("name", "AMD Instinct MI250X/MI250")
                .containsEntry("pci", "0000:c1:00.0");
    }

    @Test
    void energy1InputMakesItACounterDevice() throws Exception {
        mi250x(true);
        AmdGpuSource s = source(Map.of());
        s.probe();
        assertThat(s.methods().get(0)).isEqualTo(new DeviceMethod("gpu0", "counter", ""));
        EnergyLedger ledger = new EnergyLedger();
        for (int t = 0; t <= 10; t++) {
            FakeDrm.write(die0, "energy1_input", 1_000_000_000L + 420_000_000L * t); // 420 J/s in µJ
            s.sample().forEach(ledger::accept);
            clock.advance(Duration.ofSeconds(1));
        }
        DeviceReading r = ledger.readings().get(0);
        assertThat(r.quality()).isEqualTo(EnergyQuality.COUNTER);
        assertThat(r.energyJoules()).isEqualTo(4200.0);
        assertThat(r.counterDisagreementRatio()).isEqualTo(0.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ROCR_VISIBLE_DEVICES|0,2|gpu0,gpu2",
            "HIP_VISIBLE_DEVICES|1|gpu1",
            "ROCR_VISIBLE_DEVICES|GPU-2f5c4b8a|gpu0",
            "ROCR_VISIBLE_DEVICES|''|''"})
    void visibilityFollowsRocm(String variable, String value, String expected) throws Exception {
        mi250x(false);
        Availability a = source(Map.of(variable, value)).probe();
        assertThat(String.join(",", a.devices())).isEqualTo(expected);
    }

    @Test
    void hipVisibleDevicesCountsWithinWhatRocrLeaves() throws Exception {
        mi250x(false);
        Availability a = source(Map.of("ROCR_VISIBLE_DEVICES", "2,3", "HIP_VISIBLE_DEVICES", "1")).probe();
        assertThat(a.devices()).containsExactly("gpu3");
    }

    @Test
    void aDieThatStopsAnsweringIsSkippedAndCountedTheOthersRead() throws Exception {
        mi250x(false);
        AmdGpuSource s = new AmdGpuSource(root, f -> {
            if (f.toString().contains("/hwmon4/")) throw new IOException(f + ": No such device");
            return SysfsReader.FILES.read(f);
        }, Map.of(), clock);
        assertThat(s.probe().devices()).hasSize(3); // its hwmon name cannot even be read: not listed
        AmdGpuSource t = new AmdGpuSource(root, SysfsReader.FILES, Map.of(), clock);
        t.probe();
        Files.delete(die2.resolve("power1_average"));
        Files.writeString(die2.resolve("temp2_input"), "garbage\n");
        assertThat(t.sample()).extracting(PowerSample::device).containsExactly("gpu0", "gpu1", "gpu3");
        assertThat(t.health().errorsByReason()).containsEntry("io", 1L);
    }

    @Test
    void noAmdGpuIsUnavailableWithAReason() throws Exception {
        Availability a = source(Map.of()).probe();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).startsWith("no amdgpu hwmon under " + root.resolve("class/drm"));
        assertThat(new AmdGpuSource(root, f -> { throw new NoSuchFileException(f.toString()); }, Map.of(), clock)
                .sample()).isEmpty();
    }
}
