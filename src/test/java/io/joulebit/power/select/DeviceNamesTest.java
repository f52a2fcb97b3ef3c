package io.joulebit.power.select;

import io.joulebit.power.DeviceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceNamesTest {
    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({
            "cpu,       cpu,       true",
            "cpu,       cpu0,      true",
            "cpu1,      cpu,       true",
            "cpu0,      cpu1,      false",
            "cpu0-die1, cpu,       true",
            "cpu0-die0, cpu0-die1, false",
            "system,    cpu,       true",
            "dram0,     system,    true",
            "system,    gpu0,      false",
            "gpu,       gpu3,      true",
            "gpu0,      gpu1,      false",
            "gpu0,      cpu0,      false",
            "dram0,     cpu0,      false",
            "dram,      dram1,     true",
            "fan,       fan,       true",
            "fan1,      fan2,      false",
    })
    void conflicts(String a, String b, boolean expected) {
        assertThat(DeviceNames.conflict(a, b)).isEqualTo(expected);
        assertThat(DeviceNames.conflict(b, a)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"gpu0, GPU", "cpu, CPU", "cpu12-die1, CPU", "dram3, DRAM", "system, SYSTEM"})
    void kinds(String device, DeviceKind kind) {
        assertThat(DeviceNames.kind(device)).hasValue(kind);
    }

    @Test
    void unknownFamilyHasNoKind() {
        assertThat(DeviceNames.kind("npu0")).isEmpty();
        assertThat(DeviceNames.kind("0")).isEmpty();
    }
}
