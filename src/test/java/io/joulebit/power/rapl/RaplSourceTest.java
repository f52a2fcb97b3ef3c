package io.joulebit.power.rapl;

import io.joulebit.power.Availability;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.power.SourceException;
import io.joulebit.time.ManualNanoClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RaplSourceTest {
    private static final long RANGE = 262_143_328_850L; // a real Intel package range

    @TempDir Path tmp;
    FakePowercap tree;
    ManualNanoClock clock;

    @BeforeEach
    void setUp() {
        tree = new FakePowercap(tmp);
        clock = new ManualNanoClock(1_000_000_000L);
    }

    private RaplSource source() {
        return new RaplSource(tmp, clock);
    }

    private static Map<String, PowerSample> byDevice(List<PowerSample> samples) {
        return samples.stream().collect(Collectors.toMap(PowerSample::device, Function.identity()));
    }

    /** Two-socket Intel server: packages with core and dram subzones, plus an mmio copy of package-0. */
    private void intelTwoSockets() {
        tree.zone("intel-rapl:0", "package-0", 10_000_000, RANGE)
                .zone("intel-rapl:0:0", "core", 4_000_000, RANGE)
                .zone("intel-rapl:0:1", "dram", 2_000_000, 65_712_999_613L)
                .zone("intel-rapl:1", "package-1", 20_000_000, RANGE)
                .zone("intel-rapl:1:0", "dram", 3_000_000, 65_712_999_613L)
                .zone("intel-rapl-mmio:0", "package-0", 10_000_000, RANGE);
    }

    @Test
    void intelTwoPackagesWithDramReportsPackagesAndDramOnly() throws Exception {
        intelTwoSockets();
        RaplSource src = source();
        Availability a = src.probe();
        assertThat(a.available()).as(a.reason()).isTrue();
        assertThat(a.devices()).containsExactlyInAnyOrder("cpu0", "cpu1", "dram0", "dram1");

        Map<String, PowerSample> first = byDevice(src.sample());
        assertThat(first.get("cpu0").watts()).isNaN(); // no previous reading: absent, not zero
        assertThat(first.get("cpu0").energyJoules()).hasValue(10.0);
        assertThat(first.get("dram1").kind()).isEqualTo(DeviceKind.DRAM);
        assertThat(first.get("cpu1").kind()).isEqualTo(DeviceKind.CPU);
        assertThat(first.values()).allSatisfy(s -> assertThat(s.source()).isEqualTo("rapl"));

        tree.energy("intel-rapl:0", 10_000_000 + 90_000_000).energy("intel-rapl:1", 20_000_000 + 45_000_000)
                .energy("intel-rapl:0:1", 2_000_000 + 6_000_000).energy("intel-rapl:1:0", 3_000_000 + 3_000_000);
        clock.advance(Duration.ofMillis(1500));
        Map<String, PowerSample> second = byDevice(src.sample());
        assertThat(second.get("cpu0").watts()).isCloseTo(60.0, within(1e-9));
        assertThat(second.get("cpu1").watts()).isCloseTo(30.0, within(1e-9));
        assertThat(second.get("dram0").watts()).isCloseTo(4.0, within(1e-9));
        assertThat(second.get("dram1").watts()).isCloseTo(2.0, within(1e-9));
        assertThat(second.get("cpu0").energyJoules()).hasValue(100.0);
        assertThat(second.get("cpu0").energyRangeJoules()).isEmpty(); // already unwrapped
        assertThat(src.health().errorsByReason()).isEmpty();
    }

    @Test
    void amdZenUnderIntelRaplNamesReportsThePackage() {
        // What AMD Zen shows with intel_rapl_msr (kernel 5.8+): package-N with a core subzone, no dram.
        tree.zone("intel-rapl:0", "package-0", 1_000, 65_532_610_987L)
                .zone("intel-rapl:0:0", "core", 500, 65_532_610_987L);
        Availability a = source().probe();
        assertThat(a.available()).isTrue();
        assertThat(a.devices()).containsExactly("cpu0");
    }

    @Test
    void amdRaplControlTypeIsAcceptedToo() {
        tree.zone("amd-rapl:0", "package-0", 1_000, RANGE).zone("amd-rapl:1", "package-1", 1_000, RANGE);
        assertThat(source().probe().devices()).containsExactlyInAnyOrder("cpu0", "cpu1");
    }

    @Test
    void psysPresentReportsOnlySystemUnlessDisabled() throws Exception {
        tree.zone("intel-rapl:0", "package-0", 1_000_000, RANGE)
                .zone("intel-rapl:0:0", "core", 1_000, RANGE)
                .zone("intel-rapl:0:2", "dram", 1_000, RANGE)
                .zone("intel-rapl:1", "psys", 5_000_000, RANGE);
        RaplSource src = source();
        assertThat(src.probe().devices()).containsExactly("system");
        assertThat(src.sample()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(DeviceKind.SYSTEM);
            assertThat(s.energyJoules()).hasValue(5.0);
        });

        RaplSource noPsys = new RaplSource(tmp, clock, SysfsReader.FILES, new RaplOptions(false, 1000));
        assertThat(noPsys.probe().devices()).containsExactlyInAnyOrder("cpu0", "dram0");
    }

    @Test
    void psysAbsentFallsBackToPackages() {
        tree.zone("intel-rapl:0", "package-0", 1, RANGE).zone("intel-rapl:0:0", "core", 1, RANGE);
        assertThat(source().probe().devices()).containsExactly("cpu0");
    }

    @Test
    void wrapBetweenReadsGivesMonotonicEnergyAndTheTrueDelta() throws Exception {
        long range = 1_000_000_000L; // 1000 J
        tree.zone("intel-rapl:0", "package-0", range - 5_000_000, range);
        RaplSource src = source();
        src.probe();
        double e0 = src.sample().get(0).energyJoules().orElseThrow();
        tree.energy("intel-rapl:0", 15_000_000); // went past the range: 5 J + 15 J = 20 J
        clock.advance(Duration.ofSeconds(2));
        PowerSample s = src.sample().get(0);
        assertThat(s.energyJoules().orElseThrow()).isCloseTo(e0 + 20.0, within(1e-9));
        assertThat(s.watts()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void decreaseWithUnknownRangeIsAResetNotNegativeEnergy() throws Exception {
        tree.zone("intel-rapl:0", "package-0", 50_000_000, RANGE).delete("intel-rapl:0", "max_energy_range_uj");
        RaplSource src = source();
        assertThat(src.probe().available()).isTrue();
        double e0 = src.sample().get(0).energyJoules().orElseThrow();
        tree.energy("intel-rapl:0", 1_000_000);
        clock.advance(Duration.ofSeconds(1));
        PowerSample s = src.sample().get(0);
        assertThat(s.energyJoules()).hasValue(e0);
        assertThat(s.watts()).isNaN();
        assertThat(src.health().errorsByReason()).containsEntry("reset", 1L);
        assertThat(src.maxSafeSamplingInterval()).isEmpty();
    }

    @Test
    void permissionDeniedIsUnavailableWithTheFix() {
        intelTwoSockets();
        SysfsReader denying = file -> {
            if (file.getFileName().toString().equals("energy_uj")) throw new AccessDeniedException(file.toString());
            return SysfsReader.FILES.read(file);
        };
        RaplSource src = new RaplSource(tmp, clock, denying, RaplOptions.defaults());
        Availability a = src.probe();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("permission denied", "CVE-2020-8694", "root", "chmod", "udev");
        assertThatThrownBy(src::sample).isInstanceOf(SourceException.class)
                .satisfies(e -> assertThat(((SourceException) e).reason()).isEqualTo("permission"));
        assertThat(src.health().errorsByReason()).containsEntry("permission", 4L);
    }

    @Test
    void missingEnergyFileIsUnavailableAndLaterLossIsACountedError() throws Exception {
        tree.zone("intel-rapl:0", "package-0", 1_000, RANGE).delete("intel-rapl:0", "energy_uj");
        Availability a = source().probe();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("energy_uj");

        tree.zone("intel-rapl:0", "package-0", 1_000, RANGE).zone("intel-rapl:1", "package-1", 1_000, RANGE);
        RaplSource src = source();
        assertThat(src.probe().devices()).hasSize(2);
        tree.delete("intel-rapl:1", "energy_uj");
        assertThat(src.sample()).extracting(PowerSample::device).containsExactly("cpu0");
        tree.delete("intel-rapl:0", "energy_uj");
        assertThatThrownBy(src::sample).isInstanceOf(SourceException.class);
        assertThat(src.health().errorsByReason()).containsEntry("io", 3L);
    }

    @Test
    void garbageContentsAreCountedAndNeverBecomeZeroWatts() throws Exception {
        tree.zone("intel-rapl:0", "package-0", 1_000_000, RANGE).zone("intel-rapl:1", "package-1", 1_000_000, RANGE);
        RaplSource src = source();
        src.probe();
        src.sample();
        tree.raw("intel-rapl:1", "energy_uj", "garbage\n").energy("intel-rapl:0", 3_000_000);
        clock.advance(Duration.ofSeconds(1));
        List<PowerSample> s = src.sample();
        assertThat(s).extracting(PowerSample::device).containsExactly("cpu0");
        assertThat(s.get(0).watts()).isCloseTo(2.0, within(1e-9));
        assertThat(src.health().errorsByReason()).containsEntry("parse", 1L);

        // Recovers: the delta spans both intervals, so no energy is lost.
        tree.energy("intel-rapl:1", 5_000_000);
        clock.advance(Duration.ofSeconds(1));
        PowerSample cpu1 = byDevice(src.sample()).get("cpu1");
        assertThat(cpu1.energyJoules()).hasValue(5.0);
        assertThat(cpu1.watts()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void garbageNameOrRangeNeverThrows() {
        tree.zone("intel-rapl:0", "package-0", 1, RANGE).raw("intel-rapl:0", "max_energy_range_uj", "\u0000\u00ff")
                .zone("intel-rapl:1", "\u0001weird", 1, RANGE);
        Availability a = source().probe();
        assertThat(a.available()).isTrue();
        assertThat(a.devices()).containsExactly("cpu0");
    }

    @Test
    void noPowercapDirectoryIsSaidPlainly() {
        RaplSource src = new RaplSource(tmp.resolve("nothing-here"), clock);
        Availability a = src.probe();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("class/powercap does not exist");
        assertThatThrownBy(src::sample).isInstanceOf(SourceException.class);
    }

    @Test
    void emptyPowercapHasNoZones() {
        Availability a = source().probe();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("no RAPL package or psys zone");
    }

    @Test
    void safeSamplingIntervalIsRangeOverAssumedPeak() {
        intelTwoSockets();
        RaplSource src = source();
        src.probe();
        // dram's smaller range (65.7 kJ) at 1000 W decides: 65 s.
        assertThat(src.maxSafeSamplingInterval()).hasValue(Duration.ofNanos(65_712_999_613L));
    }

    @Test
    void readsAfterTheWrapWindowAreCounted() throws Exception {
        tree.zone("intel-rapl:0", "package-0", 1_000, 10_000_000_000L); // 10 kJ: 10 s at 1000 W
        RaplSource src = source();
        src.probe();
        src.sample();
        clock.advance(Duration.ofSeconds(11));
        src.sample();
        assertThat(src.health().errorsByReason()).containsEntry("wrap_window", 1L);
    }
}
