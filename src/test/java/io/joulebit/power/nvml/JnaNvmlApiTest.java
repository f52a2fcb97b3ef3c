package io.joulebit.power.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JnaNvmlApi against a compiled C library with nvml.h's signatures: every mapped call, every unit, every code. */
class JnaNvmlApiTest {
    @TempDir Path dir;

    private NvmlApi open(FakeNvmlLibrary lib) throws Exception {
        NvmlApi api = JnaNvmlApi.load(lib.path());
        api.init();
        return api;
    }

    @Test
    void everyMappedCallReadsItsValueInNvmlUnits() throws Exception {
        FakeNvmlLibrary lib = FakeNvmlLibrary.install(dir).driver("550.54.15")
                .gpu(0, "uuid=GPU-8932f937-d72c-4106-c12f-20bd9faed9f6 name=NVIDIA_H100_80GB_HBM3 power_mw=631950"
                        + " energy_mj=5000000000 limit_mw=700000 temp=59 util=97 reasons=0x24 mig=1");
        NvmlApi api = open(lib);
        assertThat(api.deviceCount()).isEqualTo(1);
        NvmlApi.Device d = api.handleByIndex(0);
        assertThat(api.uuid(d)).isEqualTo("GPU-8932f937-d72c-4106-c12f-20bd9faed9f6");
        assertThat(api.name(d)).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(api.powerUsageMilliwatts(d)).isEqualTo(631_950L);
        assertThat(api.totalEnergyConsumptionMillijoules(d)).isEqualTo(5_000_000_000L); // past 2^32 mJ
        assertThat(api.enforcedPowerLimitMilliwatts(d)).isEqualTo(700_000L);
        assertThat(api.temperatureCelsius(d)).isEqualTo(59);
        assertThat(api.utilizationGpuPercent(d)).isEqualTo(97);
        assertThat(api.clocksEventReasons(d)).isEqualTo(0x24L);
        assertThat(api.migEnabled(d)).isTrue();
        assertThat(api.driverVersion()).isEqualTo("550.54.15");
        assertThat(api.libraryPath()).isEqualTo(lib.path());
        api.shutdown();
        assertThatThrownBy(() -> api.powerUsageMilliwatts(d)).isInstanceOf(NvmlException.class)
                .extracting(e -> ((NvmlException) e).code()).isEqualTo(NvmlReturn.UNINITIALIZED);
    }

    @Test
    void temperatureFallsBackToTheDeprecatedCallWhereTheVersionedOneIsMissing() throws Exception {
        FakeNvmlLibrary lib = FakeNvmlLibrary.install(dir, FakeNvmlLibrary.Variant.NO_TEMPERATURE_V).h100(0, 1);
        NvmlApi api = open(lib);
        assertThat(api.temperatureCelsius(api.handleByIndex(0))).isEqualTo(55);
        lib.fail("DeviceGetTemperature", "0", NvmlReturn.GPU_IS_LOST);
        assertThatThrownBy(() -> api.temperatureCelsius(api.handleByIndex(0))).isInstanceOf(NvmlException.class)
                .extracting(e -> ((NvmlException) e).code()).isEqualTo(NvmlReturn.GPU_IS_LOST);
    }

    @Test
    void theVersionedTemperatureCallIsUsedWhereItExists() throws Exception {
        FakeNvmlLibrary lib = FakeNvmlLibrary.install(dir).h100(0, 1);
        NvmlApi api = open(lib);
        // Failing only the deprecated call proves it is not the one read.
        lib.fail("DeviceGetTemperature", "0", NvmlReturn.NOT_SUPPORTED);
        assertThat(api.temperatureCelsius(api.handleByIndex(0))).isEqualTo(55);
    }

    @ParameterizedTest
    @CsvSource({"DeviceGetPowerUsage, 3", "DeviceGetPowerUsage, 4", "DeviceGetPowerUsage, 15",
            "DeviceGetPowerUsage, 1", "DeviceGetTotalEnergyConsumption, 3", "DeviceGetEnforcedPowerLimit, 4",
            "DeviceGetUtilizationRates, 15", "DeviceGetTemperatureV, 3", "DeviceGetCurrentClocksEventReasons, 3",
            "DeviceGetMigMode, 3", "DeviceGetUUID, 15", "DeviceGetName, 4"})
    void everyCodeComesBackAsAnNvmlExceptionWithThatCode(String call, int code) throws Exception {
        FakeNvmlLibrary lib = FakeNvmlLibrary.install(dir).h100(0, 1).h100(1, 1).fail(call, "1", code);
        NvmlApi api = open(lib);
        NvmlApi.Device d = api.handleByIndex(1);
        List<NvmlCall> calls = List.of(api::powerUsageMilliwatts, api::totalEnergyConsumptionMillijoules,
                api::enforcedPowerLimitMilliwatts, x -> api.utilizationGpuPercent(x), x -> api.temperatureCelsius(x),
                api::clocksEventReasons, x -> api.migEnabled(x) ? 1 : 0, x -> api.uuid(x).length(),
                x -> api.name(x).length());
        long failures = 0;
        for (NvmlCall c : calls) {
            try {
                c.call(d);
            } catch (NvmlException e) {
                assertThat(e.code()).isEqualTo(code);
                failures++;
            }
            c.call(api.handleByIndex(0)); // the other device is untouched
        }
        assertThat(failures).isEqualTo(1);
    }

    @Test
    void handleFailuresAndInitFailuresCarryTheirCode() throws Exception {
        FakeNvmlLibrary lib = FakeNvmlLibrary.install(dir).h100(0, 1).h100(1, 1)
                .fail("DeviceGetHandleByIndex_v2", "1", NvmlReturn.NO_PERMISSION);
        NvmlApi api = open(lib);
        assertThat(api.handleByIndex(0)).isNotNull();
        assertThatThrownBy(() -> api.handleByIndex(1)).extracting(e -> ((NvmlException) e).code())
                .isEqualTo(NvmlReturn.NO_PERMISSION);
        lib.fail("Init_v2", "*", NvmlReturn.DRIVER_NOT_LOADED);
        api.shutdown();
        assertThatThrownBy(api::init).extracting(e -> ((NvmlException) e).code())
                .isEqualTo(NvmlReturn.DRIVER_NOT_LOADED);
    }

    @FunctionalInterface
    interface NvmlCall {
        long call(NvmlApi.Device d) throws NvmlException;
    }
}
