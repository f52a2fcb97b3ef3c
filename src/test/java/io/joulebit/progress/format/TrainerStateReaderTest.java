package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrainerStateReaderTest {
    private static String state(String entries) {
        return "{\"best_metric\": null, \"epoch\": 0.04, \"global_step\": 400, \"log_history\": [" + entries
                + "], \"max_steps\": 1000}";
    }

    private static final String A = "{\"epoch\": 0.01, \"grad_norm\": 1.05, \"learning_rate\": 4.8e-06, \"loss\": 0.1677, \"step\": 25, \"num_input_tokens_seen\": 102400}";
    private static final String B = "{\"epoch\": 0.02, \"grad_norm\": NaN, \"learning_rate\": 9.8e-06, \"loss\": 0.1376, \"step\": 50}";
    private static final String EV = "{\"epoch\": 0.02, \"eval_loss\": 0.2, \"eval_runtime\": 6.2, \"step\": 50}";
    private static final String C = "{\"epoch\": 0.03, \"learning_rate\": 9.4e-06, \"loss\": Infinity, \"step\": 75}";
    private static final String SUMMARY = "{\"epoch\": 1.0, \"step\": 75, \"total_flos\": 1.2e15, \"train_loss\": 0.3, \"train_runtime\": 400.1}";

    @Test
    void rereadsWhenRewrittenAndEmitsOnlyNewSteps(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("trainer_state.json");
        Files.writeString(f, state(A + "," + B + "," + EV));
        TrainerStateReader r = new TrainerStateReader(f, FormatOptions.defaults());
        List<StepEvent> first = r.poll();
        assertThat(first).extracting(StepEvent::step).containsExactly(25L, 50L, 50L);
        assertThat(first.get(0).tokens()).hasValue(102400L);
        assertThat(first.get(0).learningRate()).hasValue(4.8e-06);
        assertThat(first.get(2).phase()).isEqualTo(Phase.EVAL);
        assertThat(r.poll()).isEmpty();                                         // unchanged file

        Files.writeString(f, state(A + "," + B + "," + EV + "," + C + "," + SUMMARY));
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5000));
        List<StepEvent> second = r.poll();
        assertThat(second).hasSize(1);
        assertThat(second.get(0).step()).isEqualTo(75L);
        assertThat(second.get(0).lossNats().getAsDouble()).isInfinite();
    }

    @Test
    void tornOrMissingFileYieldsNothingAndIsRetried(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("trainer_state.json");
        TrainerStateReader r = new TrainerStateReader(f, FormatOptions.defaults());
        assertThat(r.poll()).isEmpty();
        Files.writeString(f, state(A).substring(0, 60));
        assertThat(r.poll()).isEmpty();
        Files.writeString(f, state(A));
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5000));
        assertThat(r.poll()).extracting(StepEvent::step).containsExactly(25L);
    }
}
