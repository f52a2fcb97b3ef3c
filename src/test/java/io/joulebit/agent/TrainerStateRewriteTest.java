package io.joulebit.agent;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.time.ManualNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run --log .../trainer_state.json}: a file the Trainer replaces whole at each checkpoint. */
class TrainerStateRewriteTest {
    @TempDir Path dir;

    private static String entry(long step, double loss) {
        return "{\"epoch\": 0.1, \"learning_rate\": 1e-05, \"loss\": " + loss + ", \"step\": " + step + "}";
    }

    private static String eval(long step, double loss) {
        return "{\"epoch\": 0.1, \"eval_loss\": " + loss + ", \"eval_runtime\": 3.1, \"step\": " + step + "}";
    }

    /** As Trainer._save_checkpoint leaves it: a new file renamed over the old one. */
    private void save(Path target, int checkpoint, String... entries) throws IOException {
        Path tmp = dir.resolve("tmp-" + checkpoint);
        Files.writeString(tmp, "{\n  \"global_step\": " + checkpoint + ",\n  \"log_history\": [\n    "
                + String.join(",\n    ", entries) + "\n  ],\n  \"max_steps\": 300\n}\n");
        Files.setLastModifiedTime(tmp, FileTime.fromMillis(1_700_000_000_000L + checkpoint * 1000L));
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void eachLogHistoryEntryCountsOnceAcrossAtomicRewrites() throws IOException {
        Path f = dir.resolve("trainer_state.json");
        TrainerStateSource src = new TrainerStateSource(f, FormatOptions.defaults().withTokensPerStep(4096),
                Duration.ofSeconds(1), new ManualNanoClock());
        List<StepEvent> got = new ArrayList<>(src.pollOnce());            // no file yet
        save(f, 100, entry(50, 2.5), entry(100, 2.25), eval(100, 2.4));
        got.addAll(src.pollOnce());
        got.addAll(src.pollOnce());                                         // unchanged
        save(f, 200, entry(50, 2.5), entry(100, 2.25), eval(100, 2.4), entry(150, 2.0), entry(200, 1.875),
                eval(200, 2.1));
        got.addAll(src.pollOnce());
        save(f, 300, entry(50, 2.5), entry(100, 2.25), eval(100, 2.4), entry(150, 2.0), entry(200, 1.875),
                eval(200, 2.1), entry(250, 1.75), entry(300, 1.5),
                "{\"epoch\": 1.0, \"step\": 300, \"train_loss\": 2.0, \"train_runtime\": 99.0}");
        got.addAll(src.pollOnce());

        assertThat(got).extracting(e -> e.phase().label() + " " + e.step() + " " + e.lossNats().getAsDouble())
                .containsExactly("train 50 2.5", "train 100 2.25", "eval 100 2.4", "train 150 2.0", "train 200 1.875",
                        "eval 200 2.1", "train 250 1.75", "train 300 1.5");
        assertThat(src.parsed()).isEqualTo(8);
        assertThat(got.stream().filter(e -> e.phase() == Phase.TRAIN).mapToLong(e -> e.tokens().getAsLong()))
                .containsExactly(50 * 4096L, 100 * 4096L, 150 * 4096L, 200 * 4096L, 250 * 4096L, 300 * 4096L);
        assertThat(src.tokenOrigin().label()).isEqualTo("steps_x_tokens_per_step");
    }
}
