package io.joulebit.power.rapl;

import io.joulebit.power.rapl.RaplZone.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RaplZoneScannerTest {
    @TempDir Path tmp;

    @Test
    void namesRolesAndDevices() {
        FakePowercap t = new FakePowercap(tmp)
                .zone("intel-rapl:0", "package-0-die-0", 1, 100)
                .zone("intel-rapl:1", "package-0-die-1", 1, 100)
                .zone("intel-rapl:0:0", "core", 1, 100)
                .zone("intel-rapl:0:1", "uncore", 1, 100)
                .zone("intel-rapl:2", "psys", 1, 100)
                .zone("intel-rapl:10", "package-10", 1, 100)
                .zone("intel-rapl:10:0", "dram", 1, 100)
                .zone("dtpm:0", "soc", 1, 100); // not RAPL
        RaplZoneScanner.Scan scan = new RaplZoneScanner(SysfsReader.FILES).scan(t.powercap);
        assertThat(scan.powercapPresent()).isTrue();
        assertThat(scan.zones()).extracting(RaplZone::id, RaplZone::role, RaplZone::device).containsExactly(
                tuple("intel-rapl:0", Role.PACKAGE, "cpu0-die0"),
                tuple("intel-rapl:1", Role.PACKAGE, "cpu0-die1"),
                tuple("intel-rapl:2", Role.PSYS, "system"),
                tuple("intel-rapl:10", Role.PACKAGE, "cpu10"),
                tuple("intel-rapl:0:0", Role.PART, ""),
                tuple("intel-rapl:0:1", Role.PART, ""),
                tuple("intel-rapl:10:0", Role.DRAM, "dram10"));
        assertThat(scan.problems()).isEmpty();
    }

    @Test
    void unknownTopLevelZoneIsAProblemNotACrash() {
        FakePowercap t = new FakePowercap(tmp).zone("intel-rapl:0", "mystery", 1, 100);
        RaplZoneScanner.Scan scan = new RaplZoneScanner(SysfsReader.FILES).scan(t.powercap);
        assertThat(scan.zones()).isEmpty();
        assertThat(scan.problems()).singleElement().asString().contains("intel-rapl:0", "mystery");
    }
}
