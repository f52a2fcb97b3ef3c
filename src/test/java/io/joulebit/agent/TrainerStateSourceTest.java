package io.joulebit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.testing.Await;
import io.joulebit.time.NanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

class TrainerStateSourceTest {
    private static String state(int upTo) {
        StringBuilder b = new StringBuilder("{\"global_step\": " + upTo + ", \"log_history\": [");
        for (int s = 10; s <= upTo; s += 10) {
            if (s > 10) b.append(',');
            b.append("{\"step\": ").append(s).append(", \"loss\": ").append(5.0 - s / 100.0)
                    .append(", \"learning_rate\": 0.0003, \"num_input_tokens_seen\": ").append(s * 4096).append('}');
        }
        return b.append("]}").toString();
    }

    @Test
    void rewrittenFileYieldsOnlyNewStepsInOrder(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("trainer_state.json");
        Files.writeString(f, state(30));
        List<StepEvent> got = new CopyOnWriteArrayList<>();
        try (TrainerStateSource src = new TrainerStateSource(f, FormatOptions.defaults(), Duration.ofMillis(20),
                NanoClock.SYSTEM)) {
            assertThat(TrainerStateSource.handles(f)).isTrue();
            src.start(got::add);
            Await.until("condition", () -> got.size() == 3);
            Path tmp = dir.resolve("tmp.json");
            Files.writeString(tmp, state(50)); // HF writes the whole file again at each save
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Await.until("condition", () -> got.size() == 5);
            assertThat(src.tokenOrigin().label()).isEqualTo("log");
        }
        assertThat(got).extracting(StepEvent::step).containsExactly(10L, 20L, 30L, 40L, 50L);
        assertThat(got).allMatch(e -> e.phase() == Phase.TRAIN && e.monoNanos() != 0);
        assertThat(got.get(4).tokens()).hasValue(50L * 4096);
    }

}
