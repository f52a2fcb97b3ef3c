package io.joulebit.store;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PowerDownsamplerTest {
    @TempDir
    Path dir;

    private static PowerRow row(String device, long millis, double watts) {
        return PowerRow.of("r1", PowerSample.of(device, DeviceKind.GPU, "nvml", 0, watts),
                StoreFixture.T0.plusMillis(millis));
    }

    /** offsets (ms) of one device's samples → watts (= offset) of the rows released, in order, then after drain. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "one sample held until drain          | 0              | ''        | 0",
            "same second keeps the latest         | 0 400 900      | ''        | 900",
            "next second releases the previous    | 0 900 1000     | 900       | 1000",
            "every second releases one            | 100 1100 2100  | 100 1100  | 2100",
            "a skipped second is simply absent    | 0 3500         | 0         | 3500",
            "late sample of an earlier second     | 1200 300       | 300       | 1200",
            "older sample in same second is lost  | 700 200        | ''        | 700"})
    void keepsTheLatestSamplePerDevicePerSecond(String name, String offsets, String released, String drained) {
        PowerDownsampler d = new PowerDownsampler();
        List<Double> out = new ArrayList<>();
        for (String o : offsets.trim().split(" ")) {
            long ms = Long.parseLong(o);
            d.offer(row("gpu0", ms, ms)).ifPresent(r -> out.add(r.watts()));
        }
        assertThat(out).containsExactlyElementsOf(watts(released));
        assertThat(d.drain()).extracting(PowerRow::watts).containsExactlyElementsOf(watts(drained));
        assertThat(d.drain()).isEmpty();
    }

    private static List<Double> watts(String list) {
        List<Double> out = new ArrayList<>();
        for (String s : list.trim().split(" ")) if (!s.isEmpty()) out.add(Double.parseDouble(s));
        return out;
    }

    @Test
    void devicesAndRunsAreDownsampledIndependently() {
        PowerDownsampler d = new PowerDownsampler();
        assertThat(d.offer(row("gpu0", 0, 1))).isEmpty();
        assertThat(d.offer(row("gpu1", 10, 2))).isEmpty();
        assertThat(d.offer(PowerRow.of("r2", PowerSample.of("gpu0", DeviceKind.GPU, "nvml", 0, 3),
                StoreFixture.T0))).isEmpty();
        assertThat(d.drain()).hasSize(3);
    }

    @Test
    void tenHertzSamplingJournalsOneRowPerSecondEvenAcrossFlushes() throws Exception {
        StoreFixture fx = new StoreFixture();
        try (RunStore store = RunStore.open(fx.options(dir.resolve("p.db")))) {
            for (int i = 0; i < 30; i++) {
                store.power("r1", PowerSample.of("gpu0", DeviceKind.GPU, "nvml", 0, 100 + i),
                        StoreFixture.T0.plusMillis(100L * i));
                if (i == 14) assertThat(store.flush(Duration.ofSeconds(10))).isTrue(); // mid-second flush
            }
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
            List<PowerRow> rows = store.powerJournal("r1");
            assertThat(rows).extracting(PowerRow::watts).containsExactly(109.0, 119.0, 129.0);
            assertThat(rows).extracting(PowerRow::wallTime).containsExactly(StoreFixture.T0.plusMillis(900),
                    StoreFixture.T0.plusMillis(1900), StoreFixture.T0.plusMillis(2900));
            Instant first = rows.get(0).wallTime();
            assertThat(first.getEpochSecond()).isEqualTo(StoreFixture.T0.getEpochSecond());
        }
    }
}
