package io.joulebit.power.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joulebit.power.Availability;
import io.joulebit.power.PowerSample;
import io.joulebit.power.SourceException;
import io.joulebit.power.gpu.GpuSelection;
import io.joulebit.time.ManualNanoClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NvmlSourceTest {
    /** A scripted NVML: per-device readings, per-call failures, call counts. */
    static final class FakeNvml implements NvmlApi {
        record Dev(int index) implements Device {}

        final Map<Integer, Long> energyMj = new HashMap<>();
        final Map<Integer, Long> powerMw = new HashMap<>();
        final Map<String, Integer> failures = new HashMap<>(); // "call:index" -> nvmlReturn code
        final Set<String> calls = new HashSet<>();
        int count = 2;
        int initCode = NvmlReturn.SUCCESS;
        int inits;
        int shutdowns;

        @Override public void init() throws NvmlException {
            inits++;
            if (initCode != 0) {
                throw new NvmlException(initCode);
            }
        }

        @Override public int deviceCount() { return count; }

        @Override public Device handleByIndex(int index) { return new Dev(index); }

        @Override public String uuid(Device d) { return "GPU-0000000" + idx(d) + "-aaaa-bbbb-cccc-dddddddddddd"; }

        @Override public String name(Device d) { return "NVIDIA H100 80GB HBM3"; }

        @Override public long totalEnergyConsumptionMillijoules(Device d) throws NvmlException {
            fail("energy", d);
            return energyMj.getOrDefault(idx(d), 1_000_000L);
        }

        @Override public long powerUsageMilliwatts(Device d) throws NvmlException {
            fail("power", d);
            return powerMw.getOrDefault(idx(d), 631_950L);
        }

        @Override public long enforcedPowerLimitMilliwatts(Device d) throws NvmlException {
            fail("limit", d);
            return 700_000L;
        }

        @Override public int temperatureCelsius(Device d) throws NvmlException {
            fail("temp", d);
            return 59;
        }

        @Override public int utilizationGpuPercent(Device d) throws NvmlException {
            fail("util", d);
            return 100;
        }

        @Override public void shutdown() { shutdowns++; }

        private void fail(String call, Device d) throws NvmlException {
            calls.add(call);
            Integer code = failures.get(call + ":" + idx(d));
            if (code != null) {
                throw new NvmlException(code);
            }
        }

        private static int idx(Device d) { return ((Dev) d).index(); }
    }

    private final FakeNvml nvml = new FakeNvml();
    private final ManualNanoClock clock = new ManualNanoClock(5_000_000_000L);
    private final NvmlSource source = new NvmlSource(() -> nvml, GpuSelection.all(), clock);

    @Test
    void convertsToBaseUnits() throws Exception {
        nvml.energyMj.put(0, 123_456_789L);
        List<PowerSample> samples = source.sample();
        assertThat(samples).extracting(PowerSample::device).containsExactly("gpu0", "gpu1");
        PowerSample s = samples.get(0);
        assertThat(s.source()).isEqualTo("nvml");
        assertThat(s.monoNanos()).isEqualTo(5_000_000_000L);
        assertThat(s.watts()).isEqualTo(631.95);
        assertThat(s.energyJoules()).hasValue(123_456.789);
        assertThat(s.energyRangeJoules()).isEmpty(); // never wraps: a decrease is a reset
        assertThat(s.powerLimitWatts()).hasValue(700.0);
        assertThat(s.celsius()).hasValue(59.0);
        assertThat(s.utilization()).hasValue(1.0);
        assertThat(nvml.inits).isEqualTo(1);
    }

    @Test
    void theEnergyCounterCarriesItsIdentityForAResume() throws Exception {
        nvml.energyMj.put(0, 123_456_789L);
        List<PowerSample> both = source.sample();
        PowerSample s = both.get(0);
        assertThat(s.rawCounter()).hasValueSatisfying(r -> {
            assertThat(r.joules()).isEqualTo(123_456.789);
            assertThat(r.identity()).isNotBlank().isNotEqualTo(both.get(1).rawCounter().get().identity());
            assertThat(r.epoch()).startsWith("driver ");
            assertThat(r.maxWatts()).isEqualTo(700.0); // the enforced limit bounds a plausible downtime delta
            assertThat(r.rangeJoules()).isNaN();        // never wraps
        });
    }

    @Test
    void notSupportedReadingsAreAbsentNotZero() throws Exception {
        for (String call : List.of("energy", "power", "limit", "temp", "util")) {
            nvml.failures.put(call + ":1", NvmlReturn.NOT_SUPPORTED);
        }
        PowerSample s = source.sample().get(1);
        assertThat(s.watts()).isNaN();
        assertThat(s.energyJoules()).isEmpty();
        assertThat(s.powerLimitWatts()).isEmpty();
        assertThat(s.celsius()).isEmpty();
        assertThat(s.utilization()).isEmpty();
        assertThat(source.health().errorsByReason()).isEmpty(); // "no such sensor" is not an error
        assertThat(source.sample().get(0).energyJoules()).isPresent();
    }

    @Test
    void counterDecreaseIsReportedRawAndCountedAsReset() throws Exception {
        nvml.energyMj.put(0, 9_000_000L);
        source.sample();
        clock.advance(Duration.ofSeconds(1));
        nvml.energyMj.put(0, 1_500L); // driver reloaded
        PowerSample s = source.sample().get(0);
        assertThat(s.energyJoules()).hasValue(1.5);
        assertThat(source.health().errorsByReason()).containsEntry("counter_reset", 1L);
    }

    @Test
    void aLostGpuIsSkippedAndCountedOthersStillRead() throws Exception {
        nvml.failures.put("power:0", NvmlReturn.GPU_IS_LOST);
        assertThat(source.sample()).extracting(PowerSample::device).containsExactly("gpu1");
        assertThat(source.health().errorsByReason()).containsEntry("gpu_is_lost", 1L);
        nvml.failures.clear();
        assertThat(source.sample()).hasSize(2);
    }

    @Test
    void allGpusFailingThrowsWithTheReason() {
        nvml.failures.put("power:0", NvmlReturn.GPU_IS_LOST);
        nvml.failures.put("power:1", NvmlReturn.UNKNOWN);
        assertThatThrownBy(source::sample).isInstanceOf(SourceException.class)
                .extracting(e -> ((SourceException) e).reason()).isEqualTo("unknown");
    }

    @Test
    void uninitializedMeansInitialiseAgain() throws Exception {
        nvml.failures.put("power:0", NvmlReturn.UNINITIALIZED);
        assertThatThrownBy(source::sample).isInstanceOf(SourceException.class);
        nvml.failures.clear();
        assertThat(source.sample()).hasSize(2);
        assertThat(nvml.inits).isEqualTo(2);
        assertThat(nvml.shutdowns).isEqualTo(1);
    }

    @Test
    void missingLibraryIsUnavailableNeverAnErrorLeakingOut() throws Exception {
        NvmlSource absent = new NvmlSource(() -> JnaNvmlApi.load("libnvidia-ml-not-here.so.1"), GpuSelection.all(),
                clock);
        Availability a = absent.probe();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).startsWith("NVML unavailable: LIBRARY_NOT_FOUND: libnvidia-ml-not-here.so.1 could not");
        assertThatThrownBy(absent::sample).isInstanceOf(SourceException.class)
                .extracting(e -> ((SourceException) e).reason()).isEqualTo("library_not_found");
    }

    @Test
    void driverNotLoadedIsUnavailable() {
        nvml.initCode = NvmlReturn.DRIVER_NOT_LOADED;
        assertThat(source.probe().reason()).isEqualTo("NVML unavailable: DRIVER_NOT_LOADED");
    }

    @Test
    void probeListsSelectedDevicesAndSaysWhetherTheCounterExists() {
        NvmlSource one = new NvmlSource(() -> nvml, GpuSelection.parse("GPU-00000001"), clock);
        Availability a = one.probe();
        assertThat(a.devices()).containsExactly("gpu1");
        assertThat(a.reason()).isEqualTo("1 GPUs via NVML, energy counter");
        nvml.failures.put("energy:1", NvmlReturn.NOT_SUPPORTED);
        assertThat(new NvmlSource(() -> nvml, GpuSelection.parse("1"), clock).probe().reason()).endsWith("power only");
    }
}
