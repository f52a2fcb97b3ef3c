package io.joulebit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

class ReplayLogCommandTest {
    private static final Path LOGS = Path.of("src/test/resources/logs");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        ReplayLogCommand cmd = new ReplayLogCommand(out, new PrintStream(err, true, StandardCharsets.UTF_8), new ManualNanoClock());
        return cmd.execute(args);
    }

    private List<JsonNode> events() throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) if (!l.isEmpty()) nodes.add(m.readTree(l));
        return nodes;
    }

    @Test
    void megatronAutoDetectedWithTokensFromSamplesTimesSeqLen() throws IOException {
        assertThat(run(LOGS.resolve("megatron/train.log").toString(), "--seq-len", "2048")).isZero();
        List<JsonNode> ev = events();
        assertThat(ev).hasSize(5);
        JsonNode first = ev.get(0);
        assertThat(first.get("step").asLong()).isEqualTo(1);
        assertThat(first.get("loss_nats").isNull()).isTrue();
        assertThat(first.get("tokens").asLong()).isEqualTo(512L * 2048);
        JsonNode second = ev.get(1);
        assertThat(second.get("phase").asText()).isEqualTo("train");
        assertThat(second.get("loss_nats").asDouble()).isCloseTo(7.123456, within(1e-12));
        assertThat(second.get("lr").asDouble()).isCloseTo(1.5e-4, within(1e-18));
        assertThat(ev.get(3).get("phase").asText()).isEqualTo("eval");
        assertThat(ev.get(3).get("tokens").asLong()).isEqualTo(102400L * 2048);
        assertThat(ev.get(4).get("loss_nats").isNull()).isTrue();           // NaN has no JSON spelling
        String summary = err.toString(StandardCharsets.UTF_8);
        assertThat(summary).contains("format=megatron", "parsed=5", "tokens=samples_x_seq_len");
    }

    @Test
    void fairseqBitsComeOutAsNats() throws IOException {
        assertThat(run(LOGS.resolve("fairseq-simple/train.log").toString(), "--format", "fairseq-simple")).isZero();
        JsonNode first = events().get(0);
        assertThat(first.get("step").asLong()).isEqualTo(100);
        assertThat(first.get("loss_nats").asDouble()).isCloseTo(12.424 * Math.log(2), within(1e-12));
        assertThat(first.get("tokens").isNull()).isTrue();
    }

    @Test
    void tokensPerStepAndRejectedLinesStillExitZero(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("n.log");
        Files.writeString(f, "iter 10: loss 2.5, time 1ms\niter 20: loss ???, time 1ms\nhello\n");
        assertThat(run(f.toString(), "--format", "nanogpt", "--tokens-per-step", "1000")).isZero();
        assertThat(events()).singleElement().satisfies(e -> assertThat(e.get("tokens").asLong()).isEqualTo(10_000));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("lines=3", "parsed=1", "ignored=1", "rejected=1");
    }

    @Test
    void unknownFormatAndUnreadableFileExitTwoNamingThem(@TempDir Path dir) {
        assertThat(run(LOGS.resolve("megatron/train.log").toString(), "--format", "nope")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nope", "megatron", "hf-trainer");
        assertThat(run(dir.resolve("missing.log").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.log");
        assertThat(out.size()).isZero();
    }

    @Test
    void listsFormats() {
        assertThat(run("--list-formats")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).split("\n")).contains("megatron", "olmo", "djl", "regex");
    }
}
