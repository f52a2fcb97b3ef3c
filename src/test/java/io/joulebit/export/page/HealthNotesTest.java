package io.joulebit.export.page;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.run.RunAccountant;
import io.joulebit.run.RunSettings;
import io.joulebit.run.SourceHealth;
import io.joulebit.thermo.Flag;
import io.joulebit.time.ManualNanoClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Source health and data quality in plain words, with how long ago a source last failed. */
class HealthNotesTest {
    private final ManualNanoClock mono = new ManualNanoClock(0);
    private Instant now = Instant.parse("2026-12-06T03:00:00Z");
    private final InstantSource wall = () -> now;

    @Test
    void aStalledSourceAndAGpuWithoutTemperatureAreSaidPlainly() {
        RunAccountant acc = new RunAccountant(RunSettings.defaults("notes"), mono, wall);
        AtomicReference<List<SourceHealth>> health = new AtomicReference<>(
                List.of(new SourceHealth("nvidia-smi", true, Map.of(), "")));
        acc.sourcesFrom(health::get);
        RunHistory history = new RunHistory(HistoryRing.defaults(), wall);
        acc.onPower(PowerSample.of("gpu3", DeviceKind.GPU, "nvidia-smi", 0, 300));
        history.onPublish(acc.publish());
        assertThat(texts(acc, history)).contains("gpu3: no temperature sensor", "waiting for the first step")
                .noneMatch(t -> t.contains("nvidia-smi"));

        now = now.plusSeconds(30);
        health.set(List.of(new SourceHealth("nvidia-smi", false, Map.of("stalled", 1L), "no row for 5 s")));
        history.onPublish(acc.publish());
        now = now.plusSeconds(12);
        history.onPublish(acc.publish()); // the count did not rise: still 12 s since it did
        List<HealthNotes.Note> notes = HealthNotes.of(acc.latest(), history);
        assertThat(notes.get(0)).as("warnings first").isEqualTo(new HealthNotes.Note(HealthNotes.Level.WARN,
                "nvidia-smi down, stalled 12 s ago (1× in all): no row for 5 s"));

        now = now.plusSeconds(200);
        health.set(List.of(new SourceHealth("nvidia-smi", true, Map.of("stalled", 1L), "no row for 5 s")));
        history.onPublish(acc.publish());
        assertThat(texts(acc, history)).contains("nvidia-smi stalled 4 min ago (1× in all)");
    }

    @Test
    void everyFlagHasWordsOrIsSaidElsewhere() {
        for (Flag f : Flag.values()) {
            String w = HealthNotes.words(f);
            if (w != null) assertThat(w).as(f.label()).doesNotContain("_").isNotBlank();
        }
        assertThat(HealthNotes.words(Flag.DIVERGED)).contains("NaN");
    }

    @Test
    void agoReadsLikeSpeech() {
        assertThat(HealthNotes.ago(12.4)).isEqualTo("12 s");
        assertThat(HealthNotes.ago(600)).isEqualTo("10 min");
        assertThat(HealthNotes.ago(9000)).isEqualTo("2.5 h");
        assertThat(HealthNotes.ago(-3)).isEqualTo("0 s");
    }

    private static List<String> texts(RunAccountant acc, RunHistory h) {
        return HealthNotes.of(acc.latest(), h).stream().map(HealthNotes.Note::text).toList();
    }
}
