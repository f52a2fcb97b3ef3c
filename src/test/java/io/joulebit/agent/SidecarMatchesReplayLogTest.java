package io.joulebit.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joulebit.cli.ReplayLogCommand;
import io.joulebit.config.ConfigLoader;
import io.joulebit.progress.tail.TailProgressSource;
import io.joulebit.run.RunSettings;
import io.joulebit.run.RunSnapshot;
import io.joulebit.testing.Await;
import io.joulebit.time.NanoClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The sidecar following a live log (written in two halves while it runs) ends with the same steps, tokens and loss
 * as `replay-log` on the same file: one parser, two ways of reading.
 */
class SidecarMatchesReplayLogTest {
    @ParameterizedTest
    @ValueSource(strings = {"megatron/train.log", "megatron/deepspeed.log", "hf-trainer/train.log", "nanogpt/train.log",
            "llm-c/stdout.log", "llm-c/main.log", "build-nanogpt/log.txt", "torchtitan/train.log", "litgpt/pretrain.log",
            "olmo/train.log", "fairseq-json/train.log", "fairseq-simple/train.log", "keras-progress/fit.log",
            "lightning-csv/metrics.csv", "keras-csv/training.log", "csv/metrics.csv", "deepspeed-pipe/train.log", "djl/train.log", "jsonl/metrics.jsonl"})
    void sidecarEndsWhereReplayLogEnds(String sample, @TempDir Path dir) throws Exception {
        Path source = Path.of("src/test/resources/logs").resolve(sample);
        if (!Files.exists(source)) throw new AssertionError("missing sample " + source);
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        Path log = dir.resolve("live.log");
        Path whole = dir.resolve("whole.log");
        Files.write(whole, lines);
        Files.writeString(whole, "\n", StandardOpenOption.APPEND); // lets block formats (OLMo) close their last block

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = (new ReplayLogCommand(out, new PrintStream(new ByteArrayOutputStream()),
                NanoClock.SYSTEM)).execute(whole.toString());
        assertThat(code).isZero();
        List<JsonNode> train = out.toString(StandardCharsets.UTF_8).lines().map(SidecarMatchesReplayLogTest::json)
                .filter(n -> n.get("phase").asText().equals("train")).toList();
        assertThat(train).as("replay-log found train steps in " + sample).isNotEmpty();

        Files.write(log, lines.subList(0, lines.size() / 2));
        var cfg = ConfigLoader.load(null, Map.of("progress.log.path", log.toString()));
        TailProgressSource src = LogSource.follow(cfg.progress().log(), Optional.empty(), NanoClock.SYSTEM);
        try (Agent agent = Agent.builder(RunSettings.defaults("match")).progress(src, src::position)
                .sampleInterval(Duration.ofMillis(20)).start()) {
            Files.write(log, lines.subList(lines.size() / 2, lines.size()), StandardOpenOption.APPEND);
            Files.writeString(log, "\n", StandardOpenOption.APPEND);
            Await.until("every train step", Duration.ofSeconds(20),
                    () -> agent.latest().progress().trainSteps() >= train.size(),
                    () -> agent.latest().progress().trainSteps());
            Thread.sleep(100); // nothing more may arrive: extra steps would be a double count
            RunSnapshot s = agent.latest();
            JsonNode last = train.get(train.size() - 1);
            assertThat(s.progress().trainSteps()).as(sample).isEqualTo(train.size());
            assertThat(s.progress().lastStep()).isEqualTo(last.get("step").asLong());
            if (last.get("tokens").isNull()) assertThat(s.progress().tokens()).isEmpty();
            else assertThat(s.progress().tokens()).hasValue(last.get("tokens").asLong());
            JsonNode lastLoss = train.stream().filter(n -> n.get("loss_nats").isNumber()).reduce((a, b) -> b).orElseThrow();
            assertThat(s.progress().lossBits()).isCloseTo(lastLoss.get("loss_nats").asDouble() / Math.log(2),
                    within(1e-9));
        }
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("replay-log printed a line that is not JSON: " + line, e);
        }
    }
}
