package io.joulebit.power.select;

import io.joulebit.power.Availability;
import io.joulebit.power.PowerSample;
import io.joulebit.power.PowerSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SourceSelectorTest {
    private final SourceSelector auto = new SourceSelector(SelectionPolicy.auto());

    private static SourceReport report(Selection s, String name) { return s.report(name).orElseThrow(); }

    @Test
    void raplSuppressesEstimateAndOshiIsNeverACpuPowerSource() {
        FakeSource rapl = FakeSource.working("rapl", "cpu0", "cpu1", "dram0", "dram1");
        FakeSource estimate = FakeSource.working("estimate", "cpu");
        FakeSource oshi = FakeSource.working("oshi", "cpu");
        Selection s = auto.select(List.of(estimate, oshi, rapl)); // candidate order must not matter
        assertThat(s.sources()).containsExactly(rapl);
        assertThat(report(s, "rapl").chosenDevices()).containsExactly("cpu0", "cpu1", "dram0", "dram1");
        assertThat(report(s, "estimate").chosen()).isFalse();
        assertThat(report(s, "estimate").note()).contains("covered by rapl (cpu0)");
        assertThat(report(s, "oshi").chosen()).isFalse();
        assertThat(report(s, "oshi").note()).contains("not a cpu power source");
        assertThat(s.unused()).containsExactlyInAnyOrder(estimate, oshi);
    }

    @Test
    void withoutRaplEstimateCoversTheCpu() {
        Selection s = auto.select(List.of(FakeSource.broken("rapl", "no powercap"),
                FakeSource.working("estimate", "cpu"), FakeSource.working("oshi", "cpu")));
        assertThat(s.chosen()).extracting(c -> c.source().name()).containsExactly("estimate");
        SourceReport rapl = report(s, "rapl");
        assertThat(rapl.available()).isFalse();
        assertThat(rapl.reason()).isEqualTo("no powercap");
        assertThat(rapl.note()).isEqualTo("not available");
    }

    @Test
    void psysSystemSuppressesTheEstimatedCpu() {
        Selection s = auto.select(List.of(FakeSource.working("rapl", "system"), FakeSource.working("estimate", "cpu")));
        assertThat(report(s, "rapl").chosenDevices()).containsExactly("system");
        assertThat(report(s, "estimate").note()).contains("covered by rapl (system)");
    }

    @Test
    void perDeviceGpuChoiceFiltersTheLowerSourceToWhatIsLeft() throws Exception {
        FakeSource nvml = FakeSource.working("nvml", "gpu0", "gpu1");
        FakeSource smi = FakeSource.working("nvidia-smi", "gpu0", "gpu1", "gpu2");
        FakeSource oshi = FakeSource.working("oshi", "gpu0");
        Selection s = auto.select(List.of(oshi, smi, nvml));
        assertThat(report(s, "nvml").chosenDevices()).containsExactly("gpu0", "gpu1");
        assertThat(report(s, "nvidia-smi").chosenDevices()).containsExactly("gpu2");
        assertThat(report(s, "oshi").chosen()).isFalse();
        PowerSource limitedSmi = s.sources().stream().filter(p -> p.name().equals("nvidia-smi")).findFirst()
                .orElseThrow();
        assertThat(limitedSmi.sample()).extracting(PowerSample::device).containsExactly("gpu2");
        assertThat(limitedSmi.probe().devices()).containsExactly("gpu2");
        limitedSmi.close();
        assertThat(smi.closed).isTrue();
    }

    @Test
    void simulatedOnlyWhenExplicit() {
        FakeSource sim = FakeSource.working("simulated", "gpu0", "cpu");
        FakeSource estimate = FakeSource.working("estimate", "cpu");
        Selection a = auto.select(List.of(sim, estimate));
        assertThat(report(a, "simulated").chosen()).isFalse();
        assertThat(report(a, "simulated").note()).contains("only when listed explicitly");
        assertThat(report(a, "estimate").chosen()).isTrue();

        Selection e = new SourceSelector(SelectionPolicy.explicit(List.of("simulated"))).select(List.of(sim, estimate));
        assertThat(report(e, "simulated").chosenDevices()).containsExactly("gpu0", "cpu");
        assertThat(report(e, "estimate").chosen()).isFalse();
        assertThat(report(e, "estimate").note()).contains("not in the explicit source list");
    }

    @Test
    void explicitOrderIsThePriorityAndStillNeverDoubleCounts() {
        Selection s = new SourceSelector(SelectionPolicy.explicit(List.of("estimate", "rapl"))).select(List.of(
                FakeSource.working("rapl", "cpu0", "dram0"), FakeSource.working("estimate", "cpu")));
        assertThat(report(s, "estimate").chosenDevices()).containsExactly("cpu");
        assertThat(report(s, "rapl").chosenDevices()).containsExactly("dram0");
        assertThat(report(s, "rapl").note()).contains("cpu0: covered by estimate (cpu)");
    }

    @Test
    void unknownExplicitNameIsAProblem() {
        Selection s = new SourceSelector(SelectionPolicy.explicit(List.of("nvml", "rapl")))
                .select(List.of(FakeSource.working("rapl", "cpu0")));
        assertThat(s.problems()).containsExactly("unknown source 'nvml' in the explicit list");
        assertThat(s.chosen()).hasSize(1);
    }

    @Test
    void aThrowingProbeIsJustUnavailable() {
        PowerSource bad = new PowerSource() {
            @Override public String name() { return "rapl"; }
            @Override public Availability probe() { throw new IllegalStateException("kaboom"); }
            @Override public List<PowerSample> sample() { return List.of(); }
        };
        Selection s = auto.select(List.of(bad, FakeSource.working("estimate", "cpu")));
        assertThat(report(s, "rapl").available()).isFalse();
        assertThat(report(s, "rapl").reason()).contains("kaboom");
        assertThat(report(s, "estimate").chosen()).isTrue();
    }

    @Test
    void nothingWorkingChoosesNothing() {
        Selection s = auto.select(List.of(FakeSource.broken("rapl", "x"), FakeSource.broken("estimate", "y")));
        assertThat(s.chosen()).isEmpty();
        assertThat(s.reports()).hasSize(2).noneMatch(SourceReport::chosen);
    }
}
