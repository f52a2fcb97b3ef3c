package io.joulebit.progress.metricfile.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.metricfile.MetricFileSource;
import io.joulebit.progress.metricfile.MetricReplay;
import io.joulebit.progress.metricfile.MetricRuns;
import io.joulebit.progress.metricfile.RunLayout;
import io.joulebit.progress.metricfile.TagOverrides;
import io.joulebit.progress.metricfile.tensorboard.EventWriter;
import io.joulebit.time.NanoClock;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MLflow file stores as MLflow writes them (mlflow/store/tracking/file_store.py): mlruns/&lt;experiment&gt;/meta.yaml,
 * mlruns/&lt;experiment&gt;/&lt;run&gt;/{meta.yaml, metrics/, params/, tags/, artifacts/}. The current layout
 * (MLflow 1.x-2.x) has run_id in meta.yaml and "timestamp value step" lines; the old one (MLflow 0.x) has only
 * run_uuid and "timestamp value" lines. Keys are those transformers' MLflowCallback logs (loss, eval_loss,
 * learning_rate, and train_loss, the run's mean, at the end).
 */
class MlflowRunTest {
    @TempDir Path dir;

    static Path experiment(Path mlruns, String id) throws IOException {
        Path e = Files.createDirectories(mlruns.resolve(id));
        Files.writeString(e.resolve("meta.yaml"), "artifact_location: file://" + e + "\ncreation_time: 1765000000000\n"
                + "experiment_id: '" + id + "'\nlast_update_time: 1765000000000\nlifecycle_stage: active\nname: demo\n");
        return e;
    }

    static Path currentRun(Path exp, String runId, long start, String stage) throws IOException {
        Path r = Files.createDirectories(exp.resolve(runId));
        Files.writeString(r.resolve("meta.yaml"), "artifact_uri: file://" + r.resolve("artifacts") + "\nend_time: null\n"
                + "entry_point_name: ''\nexperiment_id: '" + exp.getFileName() + "'\nlifecycle_stage: " + stage + "\n"
                + "run_id: " + runId + "\nrun_name: bright-owl-42\nrun_uuid: " + runId + "\nsource_name: ''\n"
                + "source_type: 4\nsource_version: ''\nstart_time: " + start + "\nstatus: 1\ntags: []\nuser_id: me\n");
        Files.createDirectories(r.resolve("metrics"));
        Files.createDirectories(r.resolve("params"));
        Files.writeString(Files.createDirectories(r.resolve("tags")).resolve("mlflow.runName"), "bright-owl-42");
        return r;
    }

    static void lines(Path run, String key, String... l) throws IOException {
        Path f = run.resolve("metrics").resolve(key);
        Files.createDirectories(f.getParent());
        Files.writeString(f, String.join("", l), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static List<StepEvent> replay(Path p, String runId) throws IOException {
        List<StepEvent> out = new ArrayList<>();
        MetricReplay.run(MetricRuns.layout(p, runId).orElseThrow(), FormatOptions.defaults(), TagOverrides.NONE,
                out::add);
        return out;
    }

    @Test
    void currentLayoutHfCallbackKeysEvalApartMeanLeftOutArtifactsNotReadAgain() throws IOException {
        Path run = currentRun(experiment(dir.resolve("mlruns"), "1"), "a1b2c3", 1765000000000L, "active");
        lines(run, "loss", "1765000001000 2.5 10\n", "1765000002000 2.25 20\n", "1765000003000 2.0 30\n");
        lines(run, "learning_rate", "1765000001000 5e-05 10\n", "1765000002000 4e-05 20\n");
        lines(run, "eval_loss", "1765000002500 2.3 20\n");
        lines(run, "train_loss", "1765000004000 2.25 30\n");
        lines(run, "system/gpu_0_utilization_percentage", "1765000001000 97.0 0\n");
        Path tb = Files.createDirectories(run.resolve("artifacts/tensorboard"));
        new EventWriter(tb.resolve("events.out.tfevents.1.h.1.0")).header(1).scalar("train/loss", 10, 9f, 2);
        List<StepEvent> ev = replay(run, null);
        assertThat(ev).extracting(StepEvent::step, StepEvent::phase).containsExactly(
                Tuple.tuple(10L, Phase.TRAIN), Tuple.tuple(20L, Phase.TRAIN),
                Tuple.tuple(20L, Phase.EVAL), Tuple.tuple(30L, Phase.TRAIN));
        assertThat(ev.get(1).learningRate().orElseThrow()).isEqualTo(4e-5);
        assertThat(ev.get(3).lossNats().orElseThrow()).isEqualTo(2.0);
        RunLayout layout = MetricRuns.layout(run, null).orElseThrow();
        assertThat(layout.kind()).isEqualTo("mlflow");
        assertThat(((MlflowRun) layout).runId()).contains("a1b2c3");
    }

    @Test
    void oldLayoutRunUuidOnlyAndStepLessLines() throws IOException {
        Path r = Files.createDirectories(dir.resolve("mlruns/0/0f3e"));
        Files.writeString(r.resolve("meta.yaml"), "artifact_uri: ./mlruns/0/0f3e/artifacts\nend_time: 1545000100000\n"
                + "entry_point_name: ''\nexperiment_id: 0\nname: ''\nrun_uuid: 0f3e\nsource_name: train.py\n"
                + "source_type: 4\nsource_version: ''\nstart_time: 1545000000000\nstatus: 3\ntags: []\nuser_id: me\n");
        Files.createDirectories(r.resolve("metrics"));
        lines(r, "loss", "1545000001000 2.5\n", "1545000002000 2.4\n", "\n", "1545000003000 nan\n", "garbage line\n",
                "1545000004000 2.2\n");
        List<StepEvent> ev = replay(r, null);
        assertThat(ev).extracting(StepEvent::step).containsExactly(0L, 1L, 3L, 5L);
        assertThat(ev.get(2).lossNats().orElseThrow()).isNaN();
        assertThat(((MlflowRun) MetricRuns.layout(r, null).orElseThrow()).runId()).contains("0f3e");
    }

    @Test
    void experimentFolderNewestLiveRunOrTheOneNamed() throws IOException {
        Path exp = experiment(dir.resolve("mlruns"), "7");
        lines(currentRun(exp, "old", 1000L, "active"), "loss", "1001 3.0 1\n");
        lines(currentRun(exp, "new", 2000L, "active"), "loss", "2001 2.0 1\n");
        lines(currentRun(exp, "gone", 3000L, "deleted"), "loss", "3001 1.0 1\n");
        assertThat(replay(exp, null)).extracting(e -> e.lossNats().orElseThrow()).containsExactly(2.0);
        assertThat(replay(exp, "old")).extracting(e -> e.lossNats().orElseThrow()).containsExactly(3.0);
        assertThatThrownBy(() -> MetricRuns.layout(exp, "nope")).hasMessageContaining("no MLflow run nope");
    }

    @Test
    void growingMetricFilesAreFollowedAndAHalfWrittenLineWaits() throws IOException {
        Path run = currentRun(experiment(dir.resolve("mlruns"), "1"), "live", 1L, "active");
        lines(run, "train_loss_step", "1765000001000 3.0 49\n");
        MetricFileSource src = new MetricFileSource(MetricRuns.layout(run, null).orElseThrow(),
                FormatOptions.defaults().withTokensPerStep(1000), TagOverrides.NONE, Optional.empty(),
                Duration.ofMillis(50), NanoClock.SYSTEM);
        List<StepEvent> got = new ArrayList<>();
        src.pollOnce(got::add);
        assertThat(got).extracting(StepEvent::step).containsExactly(49L);
        lines(run, "train_loss_step", "1765000002000 2.8 99\n", "1765000003000 2.");
        lines(run, "val_loss", "1765000002500 2.9 99\n");
        src.pollOnce(got::add);
        assertThat(got).extracting(StepEvent::step).containsExactly(49L, 99L, 99L);
        assertThat(got.get(2).phase()).isEqualTo(Phase.EVAL);
        assertThat(got.get(2).tokens().orElseThrow()).isEqualTo(99_000L);
        lines(run, "train_loss_step", "6 149\n");
        src.pollOnce(got::add);
        assertThat(got).extracting(StepEvent::step).containsExactly(49L, 99L, 99L, 149L);
        assertThat(got.get(3).lossNats().orElseThrow()).isEqualTo(2.6);
        assertThat(src.tags().orElseThrow().writer()).isEqualTo("lightning");
        assertThat(src.position().orElseThrow().offset()).isEqualTo(Files.size(run.resolve("metrics/train_loss_step")));
        src.close();
    }
}
