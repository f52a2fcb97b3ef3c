package io.joulebit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.config.AgentConfig;
import io.joulebit.config.ConfigLoader;
import io.joulebit.export.web.WebConfig;
import io.joulebit.progress.metricfile.tensorboard.EventWriter;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.ConnectionFactory;
import io.joulebit.store.StepRow;
import io.joulebit.store.StoreReader;
import io.joulebit.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * `run --log DIR` on a TensorBoard log directory: steps reach the run store like log lines, and a sidecar restarted
 * on the same run resumes from the stored file identity and record offset, counting every step exactly once,
 * across the writer rolling to a new file while it was down.
 */
@Timeout(90)
class SidecarMetricFilesTest {
    private static final String RUN = "tb-resume";
    private static final Duration WAIT = Duration.ofSeconds(30);

    static byte[] hfStep(long step) {
        double wall = 1765000000 + step;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(EventWriter.record(EventWriter.simple("train/loss", step, 3f - step / 100f, wall).toByteArray()));
        b.writeBytes(EventWriter.record(EventWriter.simple("train/num_input_tokens_seen", step, step * 1000f, wall)
                .toByteArray()));
        return b.toByteArray();
    }

    @Test
    void restartedSidecarNeitherSkipsNorRepeatsAStep(@TempDir Path dir) throws Exception {
        Path tb = Files.createDirectories(dir.resolve("out/runs/Dec06_host"));
        Path db = dir.resolve("store.db");
        EventWriter first = new EventWriter(tb.resolve("events.out.tfevents.1765000000.host.1.0")).header(1765000000);
        for (long s = 10; s <= 30; s += 10) first.appendBytes(hfStep(s));
        AgentConfig cfg = ConfigLoader.parse("""
                run: {id: %s}
                sampling: {interval: 100ms}
                sources:
                  mode: explicit
                  simulated: {enabled: true, devices: [{name: gpu0, kind: gpu, watts: 300}]}
                  estimate: {enabled: false}
                  rapl: {enabled: false}
                  nvml: {enabled: false}
                  nvidia_smi: {enabled: false}
                  oshi: {enabled: false}
                progress: {log: {path: "%s", poll_interval: 50ms}}
                export: {listen: "127.0.0.1:0"}
                store: {path: "%s", checkpoint_interval: 100ms}
                """.formatted(RUN, tb, db), Map.of());

        try (Sidecar a = Sidecar.start(cfg, WebConfig.none())) {
            Await.until("steps 10-30 stored", WAIT, () -> lastStep(db) == 30);
        }
        Checkpoint c1 = ChildSidecar.latest(db, RUN).orElseThrow();
        assertThat(c1.steps()).isEqualTo(3);
        assertThat(c1.tail()).isPresent();

        for (long s = 40; s <= 50; s += 10) first.appendBytes(hfStep(s));       // written while no sidecar ran
        new EventWriter(tb.resolve("events.out.tfevents.1765000060.host.1.0")).header(1765000060)
                .appendBytes(hfStep(60));
        try (Sidecar b = Sidecar.start(cfg, WebConfig.none())) {
            Await.until("steps 40-60 stored", WAIT, () -> lastStep(db) == 60);
            var p = Await.until("the snapshot has counted step 60", WAIT, () -> b.agent().latest().progress(),
                    ps -> ps.lastStep() == 60);
            assertThat(p.lines().parsed()).as("events the resumed source delivered: 40, 50, 60").isEqualTo(3);
            assertThat(p.stepsReplayed()).isZero();
        }
        Checkpoint c2 = ChildSidecar.latest(db, RUN).orElseThrow();
        assertThat(c2.steps()).as("every step once").isEqualTo(6);
        assertThat(c2.tokens()).hasValue(60_000L);
        // The journal holds every event the sources delivered: a re-read file would deliver 10-30 again.
        try (var r = StoreReader.open(db, ConnectionFactory.SQLITE_READ_ONLY)) {
            assertThat(r.steps(RUN)).extracting(StepRow::step)
                    .containsExactly(10L, 20L, 30L, 40L, 50L, 60L);
        }
    }

    private static long lastStep(Path db) {
        try {
            return ChildSidecar.latest(db, RUN).map(Checkpoint::lastStep).orElse(-1L);
        } catch (Exception e) {
            return -1;
        }
    }
}
