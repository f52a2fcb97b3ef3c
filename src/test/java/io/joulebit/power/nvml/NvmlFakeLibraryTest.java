package io.joulebit.power.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.power.Availability;
import io.joulebit.power.DeviceMethod;
import io.joulebit.power.PowerSample;
import io.joulebit.power.SourceException;
import io.joulebit.power.gpu.GpuSelection;
import io.joulebit.run.DeviceReading;
import io.joulebit.run.EnergyLedger;
import io.joulebit.time.ManualNanoClock;
import org.assertj.core.api.Assertions;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** NvmlSource on the compiled fake libnvidia-ml.so.1, loaded through JNA as sources.nvml.library loads it. */
class NvmlFakeLibraryTest {
    @TempDir Path dir;
    private final ManualNanoClock clock = new ManualNanoClock(1_000_000_000L);
    private NvmlSource source;

    private FakeNvmlLibrary eight() throws Exception {
        FakeNvmlLibrary lib = FakeNvmlLibrary.install(dir);
        for (int i = 0; i < 8; i++) lib.h100(i, 1_000_000L * (i + 1));
        source = new NvmlSource(() -> JnaNvmlApi.load(lib.path()), GpuSelection.all(), clock);
        return lib;
    }

    @AfterEach
    void close() { if (source != null) source.close(); }

    @ParameterizedTest
    @ValueSource(ints = {NvmlReturn.NO_PERMISSION, NvmlReturn.GPU_IS_LOST})
    void oneGpuThatCannotBeOpenedIsSkippedAndReportedTheOtherSevenAreMeasured(int code) throws Exception {
        FakeNvmlLibrary lib = eight().fail("DeviceGetHandleByIndex_v2", "3", code);
        Availability a = source.probe();
        assertThat(a.available()).isTrue();
        assertThat(a.devices()).hasSize(7).doesNotContain("gpu3");
        assertThat(a.reason()).contains("7 GPUs via NVML, energy counter")
                .contains("gpu3 skipped: NVML: " + NvmlReturn.name(code));
        assertThat(source.sample()).extracting(PowerSample::device)
                .containsExactly("gpu0", "gpu1", "gpu2", "gpu4", "gpu5", "gpu6", "gpu7");
        assertThat(source.methods()).contains(new DeviceMethod("gpu3", "skipped", "NVML: " + NvmlReturn.name(code)),
                new DeviceMethod("gpu0", "counter", ""));
        assertThat(source.health().errorsByReason()).containsEntry(NvmlReturn.reason(code), 1L);
        assertThat(source.health().up()).isTrue(); // it measures all it could open
        assertThat(lib.path()).isEqualTo(source.libraryPath());
    }

    @Test
    void probeReportsTheLibraryPathAndDriverVersion() throws Exception {
        FakeNvmlLibrary lib = eight().driver("535.161.08");
        assertThat(source.probe().reason()).contains("(driver 535.161.08, " + lib.path() + ")");
        assertThat(source.driverVersion()).isEqualTo("535.161.08");
    }

    @Test
    void aGpuLostMidRunStopsItsGaugesAndEnergyAndItsDowntimeIsUncovered() throws Exception {
        FakeNvmlLibrary lib = eight();
        EnergyLedger ledger = new EnergyLedger(Duration.ofSeconds(10));
        ledger.staleAfter(Duration.ofSeconds(3));
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 8; i++) lib.h100(i, 1_000_000L * (i + 1) + 300_000L * t); // 300 W
            source.sample().forEach(ledger::accept);
            clock.advance(Duration.ofSeconds(1));
        }
        DeviceReading before = reading(ledger, "gpu5");
        assertThat(before.up()).isTrue();
        assertThat(before.energyJoules()).isEqualTo(600.0);
        lib.fail("DeviceGetPowerUsage", "5", NvmlReturn.GPU_IS_LOST);
        for (int t = 3; t < 10; t++) {
            for (int i = 0; i < 8; i++) lib.h100(i, 1_000_000L * (i + 1) + 300_000L * t);
            assertThat(source.sample()).hasSize(7);
            source.sample().forEach(ledger::accept);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(source.health().up()).isFalse();
        DeviceReading lost = reading(ledger, "gpu5");
        assertThat(lost.up()).isFalse();
        assertThat(lost.watts()).isNaN();
        assertThat(lost.celsius()).isNaN();
        assertThat(lost.utilization()).isNaN();
        assertThat(lost.energyJoules()).isEqualTo(600.0);
        assertThat(lost.uncoveredSeconds()).isEqualTo(8.0, Offset.offset(1e-9)); // t=2 s..10 s
        assertThat(reading(ledger, "gpu4").up()).isTrue();
        assertThat(reading(ledger, "gpu4").watts()).isEqualTo(300.0);
        assertThat(source.health().errorsByReason().get("gpu_is_lost")).isGreaterThanOrEqualTo(7L);
    }

    @Test
    void aCounterResetAsAfterADriverReloadReBaselines() throws Exception {
        FakeNvmlLibrary lib = eight();
        EnergyLedger ledger = new EnergyLedger();
        source.sample().forEach(ledger::accept);
        clock.advance(Duration.ofSeconds(1));
        lib.fail("DeviceGetPowerUsage", "*", NvmlReturn.UNINITIALIZED); // the driver goes away ...
        Assertions.assertThatThrownBy(source::sample)
                .isInstanceOf(SourceException.class);
        lib.clearRules();
        for (int i = 0; i < 8; i++) lib.h100(i, 2_000L); // ... and comes back with its counters from 0
        clock.advance(Duration.ofSeconds(1));
        source.sample().forEach(ledger::accept);
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 8; i++) lib.h100(i, 302_000L);
        source.sample().forEach(ledger::accept);
        assertThat(source.health().errorsByReason()).containsEntry("counter_reset", 8L).containsEntry("uninitialized", 1L);
        DeviceReading r = reading(ledger, "gpu0");
        assertThat(r.counterResets()).isEqualTo(1);
        assertThat(r.energyJoules()).isEqualTo(300.0); // only the interval after the reload
    }

    @Test
    void throttleTimeIsCountedByReason() throws Exception {
        FakeNvmlLibrary lib = eight();
        for (int t = 0; t < 4; t++) {
            lib.gpu(0, "uuid=GPU-a name=X power_mw=1 reasons=" + (t < 2 ? "0x4" : "0x60"));
            source.sample();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(source.deviceExtras().get("gpu0").throttledSeconds()).containsEntry("sw_power_cap", 2.0)
                .containsEntry("sw_thermal_slowdown", 1.0).containsEntry("hw_thermal_slowdown", 1.0);
    }

    @Test
    void aMigGpuIsOneDeviceLabelledMig() throws Exception {
        FakeNvmlLibrary lib = eight();
        lib.gpu(2, "uuid=GPU-2 name=NVIDIA_A100-SXM4-80GB power_mw=250000 energy_mj=5 mig=1");
        assertThat(source.sample()).extracting(PowerSample::device).filteredOn("gpu2"::equals).hasSize(1);
        assertThat(source.deviceExtras().get("gpu2").info()).containsEntry("mig", "enabled")
                .containsEntry("name", "NVIDIA A100-SXM4-80GB");
        assertThat(source.deviceExtras().get("gpu1").info()).containsEntry("mig", "disabled");
    }

    @Test
    void everyErrorCodeOnEveryCallLeavesTheSourceStanding() throws Exception {
        FakeNvmlLibrary lib = eight();
        List<String> calls = List.of("DeviceGetPowerUsage", "DeviceGetTotalEnergyConsumption",
                "DeviceGetEnforcedPowerLimit", "DeviceGetTemperatureV", "DeviceGetUtilizationRates",
                "DeviceGetCurrentClocksEventReasons");
        for (String call : calls) {
            for (int code : new int[] {1, 2, 3, 4, 9, 10, 15, 16, 18, 21, 999}) {
                lib.clearRules().fail(call, "1", code);
                try {
                    source.sample();
                } catch (SourceException e) {
                    assertThat(e.reason()).isNotEmpty(); // all failed at once: a reason, never an Error
                }
                clock.advance(Duration.ofMillis(100));
            }
        }
        lib.clearRules();
        assertThat(source.sample()).hasSize(8);
    }

    /** The ledger as a scrape would see it now. */
    private DeviceReading reading(EnergyLedger ledger, String device) {
        return ledger.readings(clock.nanoTime()).stream().filter(r -> r.device().equals(device)).findFirst()
                .orElseThrow();
    }
}
