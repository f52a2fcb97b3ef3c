package io.joulebit.importer;

import io.joulebit.power.DeviceKind;
import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportPartsTest {
    @Test
    void presetsNarrowTheirSelectorsWithTheUsers() throws ImportException {
        EnergyPreset dcgm = EnergyPreset.of("dcgm", null);
        assertThat(dcgm.metrics().get(0).narrowed("{Hostname=\"n1\"}"))
                .isEqualTo("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{Hostname=\"n1\"}");
        assertThat(dcgm.metrics().get(0).narrowed("")).isEqualTo("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION");
        EnergyPreset kepler = EnergyPreset.of("kepler", null);
        assertThat(kepler.metrics().get(0).narrowed("{node_name=\"a\"}"))
                .isEqualTo("kepler_node_cpu_joules_total{zone=~\"package|dram\",node_name=\"a\"}");
        assertThat(dcgm.metrics().get(0).toSi()).isEqualTo(1e-3); // mJ
        assertThat(dcgm.metrics().get(0).device().apply(Map.of("gpu", "3"))).isEqualTo("gpu3");
    }

    @Test
    void promqlNeedsAKnownUnit() throws ImportException {
        assertThat(EnergyPreset.of("promql:sum(x)", "kWh").metrics().get(0).toSi()).isEqualTo(3.6e6);
        assertThat(EnergyPreset.of("promql:sum(x)", "W").metrics().get(0).kind()).isEqualTo(EnergyPreset.Kind.POWER);
        assertThatThrownBy(() -> EnergyPreset.of("promql:x", null)).hasMessageContaining("needs --unit");
        assertThatThrownBy(() -> EnergyPreset.of("promql:x", "cal")).hasMessageContaining("unknown unit 'cal'");
        assertThatThrownBy(() -> EnergyPreset.of("scaphandre", null)).hasMessageContaining("valid: dcgm");
    }

    @Test
    void windowTakesRfc3339OrUnixSecondsAndRefusesAnEmptyOne() throws ImportException {
        RunWindow w = RunWindow.of("2026-11-30T08:00:00Z", "1796032800", Path.of("unused"));
        assertThat(w.from()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(w.to()).isEqualTo(Instant.ofEpochSecond(1796032800));
        assertThat(w.origin()).isEqualTo("flags");
        assertThatThrownBy(() -> RunWindow.of("1796032800", "1796032800", Path.of("x")))
                .hasMessageContaining("is not before");
        assertThatThrownBy(() -> RunWindow.of("yesterday", "1796032800", Path.of("x")))
                .hasMessageContaining("--from: 'yesterday' is neither RFC 3339");
    }

    @Test
    void trainStepsAreSpreadEvenlyAndEvalSitsAtTheStepBeforeIt() throws ImportException {
        RunWindow w = RunWindow.of("0", "100", Path.of("x"));
        List<StepEvent> ev = List.of(StepEvent.train(1, 5), StepEvent.train(2, 4),
                StepEvent.train(2, 4.5).withPhase(Phase.EVAL), StepEvent.train(3, 3), StepEvent.train(4, 2));
        List<StepTimeline.Timed> t = StepTimeline.place(ev, w);
        assertThat(t).extracting(StepTimeline.Timed::epochSeconds).containsExactly(25.0, 50.0, 50.0, 75.0, 100.0);
    }

    @Test
    void gapBoundIsThreeScrapeIntervalsAndNeverBelowTheLiveAgents() {
        DeviceTrace every30s = new DeviceTrace("g", DeviceKind.GPU, EnergyPreset.Kind.POWER,
                new double[]{0, 30, 60, 90, 300}, new double[]{1, 1, 1, 1, 1}, "q");
        assertThat(RunImporter.maxGap(List.of(every30s))).isEqualTo(Duration.ofSeconds(90));
        DeviceTrace everySecond = new DeviceTrace("g", DeviceKind.GPU, EnergyPreset.Kind.POWER,
                new double[]{0, 1, 2}, new double[]{1, 1, 1}, "q");
        assertThat(RunImporter.maxGap(List.of(everySecond))).isEqualTo(Duration.ofSeconds(10));
    }
}
