package io.joulebit.progress.metricfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.metricfile.tensorboard.EventWriter;
import io.joulebit.progress.metricfile.tensorboard.NotAnEventFileException;
import io.joulebit.progress.metricfile.tensorboard.proto.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** replay-log's two threads (reading and decoding apart from assembling and writing) write what one thread writes. */
class MetricReplayPipelineTest {
    @TempDir Path dir;

    /** An HF-Trainer-shaped run: grad_norm before the loss (held until the loss tag is known), lr, tokens, eval. */
    private static void steps(ByteArrayOutputStream o, long from, long to, double wall0) {
        o.writeBytes(EventWriter.record(Event.newBuilder()
                .setWallTime(wall0).setFileVersion("brain.Event:2").build().toByteArray()));
        for (long s = from; s <= to; s++) {
            double t = wall0 + s;
            scalar(o, "train/grad_norm", s, 1.5f, t);
            scalar(o, "train/loss", s, (float) (2 + 8.0 / s), t);
            scalar(o, "train/learning_rate", s, 5e-5f, t);
            scalar(o, "train/num_input_tokens_seen", s, s * 4096f, t);
            if (s % 500 == 0) scalar(o, "eval/loss", s, (float) (2.5 + 8.0 / s), t);
        }
    }

    private static void scalar(ByteArrayOutputStream o, String tag, long step, float v, double wall) {
        o.writeBytes(EventWriter.record(EventWriter.simple(tag, step, v, wall).toByteArray()));
    }

    @Test
    void pipelinedReplayWritesTheSameLinesAndCountsAsOneThreadAcrossBatchesAndFiles() throws IOException {
        Path run = Files.createDirectories(dir.resolve("runs/Dec06_03-20-00_node1"));
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        steps(first, 1, 3000, 1765000000);
        Files.write(run.resolve("events.out.tfevents.1765000000.node1.1.0"), first.toByteArray());
        ByteArrayOutputStream second = new ByteArrayOutputStream();   // the writer restarted: step 3000 again
        steps(second, 3000, 6000, 1765010000);
        Files.write(run.resolve("events.out.tfevents.1765010000.node1.2.0"), second.toByteArray());
        RunLayout layout = MetricRuns.layout(run, null).orElseThrow();

        ByteArrayOutputStream one = new ByteArrayOutputStream();
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        MetricReplay.Stats s1 = MetricReplay.run(layout, FormatOptions.defaults(), TagOverrides.NONE, one, false);
        MetricReplay.Stats s2 = MetricReplay.run(layout, FormatOptions.defaults(), TagOverrides.NONE, two, true);

        String lines = one.toString(StandardCharsets.UTF_8);
        assertThat(lines.lines()).hasSize(6000 + 12);
        assertThat(lines.lines().filter(l -> l.contains("\"tokens\":24576000")).count()).isEqualTo(2);
        assertThat(two.toString(StandardCharsets.UTF_8)).isEqualTo(lines);
        assertThat(s1.points()).isEqualTo((3000 + 3001) * 4 + 13);
        assertThat(s1.repeated()).isEqualTo(4);
        assertThat(s1.files()).isEqualTo(2);
        assertThat(s2).isEqualTo(s1);
    }

    @Test
    void aFileThatIsNotAnEventFileFailsThePipelinedReplayAsItFailsOneThread() throws IOException {
        Path f = Files.writeString(dir.resolve("events.out.tfevents.1765000000.node1.1.0"), "step 1 loss 2.5\n");
        RunLayout layout = MetricRuns.layout(f, null).orElseThrow();
        for (boolean pipelined : new boolean[] {false, true}) {
            assertThatThrownBy(() -> MetricReplay.run(layout, FormatOptions.defaults(), TagOverrides.NONE,
                    new ByteArrayOutputStream(), pipelined)).isInstanceOf(NotAnEventFileException.class)
                    .hasMessageContaining(f.toString());
        }
    }
}
