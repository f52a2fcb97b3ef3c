package io.joulebit.progress.metricfile;

import io.joulebit.testing.Await;
import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.metricfile.tensorboard.EventWriter;
import io.joulebit.progress.tail.TailPosition;
import io.joulebit.time.NanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sidecar's view of a TensorBoard run while it trains: the event file grows, a record is half written, the writer
 * rolls to a new file; then a restarted sidecar resumes from the stored position and neither skips nor repeats.
 */
@Timeout(60)
class MetricFileSourceLiveTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir Path dir;

    /** One HF Trainer logging call: train/loss then train/num_input_tokens_seen at the same step, in one flush. */
    static byte[] hfStep(long step, double wall) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(EventWriter.record(EventWriter.simple("train/loss", step, 3f - step / 100f, wall).toByteArray()));
        b.writeBytes(EventWriter.record(EventWriter.simple("train/num_input_tokens_seen", step, step * 1000f, wall)
                .toByteArray()));
        return b.toByteArray();
    }

    static MetricFileSource source(Path run, Optional<TailPosition> resume) throws IOException {
        return new MetricFileSource(MetricRuns.layout(run, null).orElseThrow(), FormatOptions.defaults(),
                TagOverrides.NONE, resume, Duration.ofMillis(20), NanoClock.SYSTEM);
    }

    @Test
    void followsGrowthWaitsOnATornRecordFollowsARollAndResumesExactly() throws IOException {
        Path run = Files.createDirectories(dir.resolve("runs/Dec06_" + "host"));
        EventWriter first = new EventWriter(run.resolve("events.out.tfevents.1765000000.host.1.0")).header(1765000000);
        first.appendBytes(hfStep(10, 1765000010)).appendBytes(hfStep(20, 1765000020));

        List<StepEvent> got = new CopyOnWriteArrayList<>();
        Map<Long, TailPosition> at = new ConcurrentHashMap<>();
        MetricFileSource src = source(run, Optional.empty());
        src.start(e -> {                  // as the agent does: the position is read as the event is delivered
            got.add(e);
            at.put(e.step(), src.position().orElseThrow());
        });
        Await.until("steps 10 and 20", WAIT, () -> got.size() == 2);
        assertThat(got).extracting(e -> e.tokens().orElseThrow()).containsExactly(10_000L, 20_000L);
        assertThat(got).allMatch(e -> e.monoNanos() > 0);

        byte[] s30 = hfStep(30, 1765000030);
        first.appendBytes(Arrays.copyOf(s30, 20));                         // the writer is mid-record
        long polls = src.polls();
        Await.until("two polls over the torn record", WAIT, () -> src.polls() >= polls + 2);
        assertThat(got).hasSize(2);
        first.appendBytes(Arrays.copyOfRange(s30, 20, s30.length));
        Await.until("step 30 once complete", WAIT, () -> got.size() == 3);

        EventWriter second = new EventWriter(run.resolve("events.out.tfevents.1765000040.host.1.0")).header(1765000040);
        second.appendBytes(hfStep(40, 1765000040)).appendBytes(hfStep(50, 1765000050));
        Await.until("steps 40 and 50 from the new file", WAIT, () -> got.size() == 5);
        src.close();
        assertThat(got).extracting(StepEvent::step).containsExactly(10L, 20L, 30L, 40L, 50L);
        assertThat(got).extracting(e -> e.tokens().orElseThrow()).containsExactly(10_000L, 20_000L, 30_000L, 40_000L,
                50_000L);
        assertThat(src.corrupt()).isZero();

        // A restart after step 20 was applied: the rest of the first file, then the second; nothing twice.
        assertThat(resumed(run, at.get(20L))).containsExactly(30L, 40L, 50L);
        // After step 40 (second file): only 50; the first file's points are older than 40's and were applied.
        assertThat(resumed(run, at.get(40L))).containsExactly(50L);
        assertThat(at.get(40L).identity()).isNotEqualTo(at.get(20L).identity());
    }

    private static List<Long> resumed(Path run, TailPosition p) throws IOException {
        List<StepEvent> again = new ArrayList<>();
        try (MetricFileSource src = source(run, Optional.of(p))) {
            src.pollOnce(again::add);
        }
        return again.stream().filter(e -> e.phase() == Phase.TRAIN).map(StepEvent::step).toList();
    }
}
