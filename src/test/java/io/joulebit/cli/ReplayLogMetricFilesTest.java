package io.joulebit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joulebit.progress.metricfile.tensorboard.EventWriter;
import io.joulebit.time.ManualNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** replay-log named an event file, a TensorBoard log directory or an MLflow run, as it is named a text log. */
class ReplayLogMetricFilesTest {
    @TempDir Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        ReplayLogCommand cmd = new ReplayLogCommand(out, new PrintStream(err, true, StandardCharsets.UTF_8),
                new ManualNanoClock());
        return cmd.execute(args);
    }

    private List<JsonNode> events() throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) if (!l.isEmpty()) nodes.add(m.readTree(l));
        return nodes;
    }

    private String summary() { return err.toString(StandardCharsets.UTF_8); }

    private Path fairseqRun() throws IOException {
        Path tb = dir.resolve("tb");
        EventWriter inner = new EventWriter(Files.createDirectories(tb.resolve("train_inner"))
                .resolve("events.out.tfevents.1765000500.h.1.0")).header(1765000500);
        EventWriter valid = new EventWriter(Files.createDirectories(tb.resolve("valid"))
                .resolve("events.out.tfevents.1765000500.h.1.1")).header(1765000500);
        inner.scalar("loss", 100, 8f, 1765000501).scalar("loss", 200, 7f, 1765000502);
        valid.scalar("loss", 200, 7.5f, 1765000503);
        return tb;
    }

    @Test
    void logDirectoryGivesStepJsonAndSaysWhichTagsAndWhy() throws IOException {
        assertThat(run(fairseqRun().toString(), "--tokens-per-step", "1000")).isZero();
        List<JsonNode> ev = events();
        assertThat(ev).hasSize(3);
        assertThat(ev.get(0).get("step").asLong()).isEqualTo(100);
        assertThat(ev.get(0).get("loss_nats").asDouble()).isCloseTo(8 * Math.log(2), within(1e-6));
        assertThat(ev.get(0).get("tokens").asLong()).isEqualTo(100_000);
        assertThat(ev.get(2).get("phase").asText()).isEqualTo("eval");
        assertThat(summary()).contains("tags: writer=fairseq loss_tag=\"train_inner/loss\" eval_tag=\"valid/loss\"",
                "unit=bits", "step_axis=num_updates", "logged in bits", "format=tensorboard files=2 scalars=3",
                "steps=3", "corrupt=0", "tokens=steps_x_tokens_per_step");
    }

    @Test
    void singleEventFileAndTagOverride() throws IOException {
        Path f = dir.resolve("events.out.tfevents.1.h");
        new EventWriter(f).header(1).scalar("my/objective", 1, 2f, 2).scalar("my/objective", 2, 1.5f, 3);
        assertThat(run(f.toString())).isEqualTo(2);
        assertThat(summary()).contains("no known loss series", "series present: my/objective", "--loss-tag");
        err.reset();
        assertThat(run(f.toString(), "--loss-tag", "my/objective")).isZero();
        assertThat(events()).extracting(n -> n.get("loss_nats").asDouble()).containsExactly(2.0, 1.5);
        assertThat(summary()).contains("writer=configured", "--loss-tag");
    }

    @Test
    void notAnEventFileIsRefusedWithExit2() throws IOException {
        Path f = Files.writeString(dir.resolve("events.out.tfevents.9.h"), "iter 1 loss 2.0\n");
        assertThat(run(f.toString())).isEqualTo(2);
        assertThat(summary()).contains("replay-log: ", f.toString(), "is not a TensorBoard event file");
        assertThat(out.size()).isZero();
    }

    @Test
    void mlflowRunFolderAndExperimentWithRunId() throws IOException {
        Path exp = Files.createDirectories(dir.resolve("mlruns/3"));
        Files.writeString(exp.resolve("meta.yaml"), "experiment_id: '3'\nname: x\nlifecycle_stage: active\n");
        for (String id : List.of("r1", "r2")) {
            Path r = Files.createDirectories(exp.resolve(id).resolve("metrics"));
            Files.writeString(exp.resolve(id).resolve("meta.yaml"), "run_id: " + id + "\nstart_time: "
                    + ("r1".equals(id) ? 1 : 2) + "\nlifecycle_stage: active\n");
            Files.writeString(r.resolve("loss"), "1000 " + ("r1".equals(id) ? "3.5" : "2.5") + " 5\n");
        }
        assertThat(run(exp.toString(), "--run-id", "r1")).isZero();
        assertThat(events()).extracting(n -> n.get("loss_nats").asDouble()).containsExactly(3.5);
        assertThat(summary()).contains("format=mlflow", "writer=hf-trainer-mlflow");
        out.reset();
        assertThat(run(exp.toString())).isZero();
        assertThat(events()).extracting(n -> n.get("loss_nats").asDouble()).containsExactly(2.5);
        assertThat(run(exp.toString(), "--run-id", "r9")).isEqualTo(2);
        assertThat(summary()).contains("no MLflow run r9");
    }

    @Test
    void emptyLogDirectorySaysSo() {
        assertThat(run(dir.toString())).isEqualTo(2);
        assertThat(summary()).contains("no event files (*tfevents*) in " + dir);
    }
}
