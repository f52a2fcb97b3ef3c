package io.joulebit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joulebit.time.ManualNanoClock;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every corpus log that has an {@code X.expected.json} beside it, replayed with {@code replay-log X --format NAME}
 * (the format the file names): the figures of its expected file must come out. The contract is written in
 * src/test/resources/logs/README.md.
 */
class CorpusReplayTest {
    private static final Path LOGS = Path.of("src/test/resources/logs");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> expectations() throws IOException {
        try (Stream<Path> s = Files.walk(LOGS)) {
            List<Path> all = s.filter(p -> p.getFileName().toString().endsWith(".expected.json")).sorted().toList();
            return all.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    @Timeout(30)
    void replayGivesTheExpectedFigures(Path expectedFile) throws IOException {
        JsonNode want = JSON.readTree(expectedFile.toFile());
        String name = expectedFile.getFileName().toString();
        Path log = expectedFile.resolveSibling(name.substring(0, name.length() - ".expected.json".length()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ReplayLogCommand cmd = new ReplayLogCommand(out, new PrintStream(err, true, StandardCharsets.UTF_8),
                new ManualNanoClock());
        int rc = cmd.execute(log.toString(), "--format", want.get("format").asText());
        assertThat(rc).as("exit code; stderr: %s", err).isZero();

        long train = 0;
        long eval = 0;
        Double first = null;
        Double last = null;
        Long tokens = null;
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) continue;
            JsonNode e = JSON.readTree(line);
            if (e.get("phase").asText().equals("eval")) { eval++; continue; }
            train++;
            JsonNode loss = e.get("loss_nats");
            if (loss != null && loss.isNumber()) {
                if (first == null) first = loss.asDouble();
                last = loss.asDouble();
            }
            JsonNode t = e.get("tokens");
            if (t != null && t.isNumber()) tokens = t.asLong();
        }
        assertThat(train).as("train steps").isEqualTo(want.get("train_steps").asLong());
        assertThat(eval).as("eval points").isEqualTo(want.get("eval_points").asLong());
        checkLoss("first loss", first, want.get("first_loss_nats"));
        checkLoss("last loss", last, want.get("last_loss_nats"));
        if (want.get("last_tokens").isNull()) assertThat(tokens).as("last tokens").isNull();
        else assertThat(tokens).as("last tokens").isEqualTo(want.get("last_tokens").asLong());
    }

    private static void checkLoss(String what, Double got, JsonNode want) {
        if (want.isNull()) {
            assertThat(got).as(what).isNull();
            return;
        }
        assertThat(got).as(what).isNotNull();
        assertThat(got).as(what).isCloseTo(want.asDouble(), within(1e-9 * Math.max(1, Math.abs(want.asDouble()))));
    }
}
