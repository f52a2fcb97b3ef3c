package io.joulebit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joulebit.agent.TrainerStateSource;
import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.format.LogFormats;
import io.joulebit.progress.tail.LogTailer;
import io.joulebit.progress.tail.TailProgressSource;
import io.joulebit.time.ManualNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The corpus: every file {@code X} under src/test/resources/logs/&lt;format&gt;/ that has an {@code X.expected.json}
 * ({"format", "train_steps", "first_loss_nats", "last_loss_nats", "eval_points", "last_tokens"}) is replayed with
 * {@code replay-log --format auto} and followed as {@code run --log} follows it (the live tailer, or the
 * trainer_state.json reader). Both must detect the directory's format and yield the same events, and those events
 * the expected figures: train steps, the first and last finite train loss in nats (1e-6 relative), eval points and
 * the last token count (null: none). A file dropped into a format's directory with its .expected.json is tested
 * with no change here. Non-training logs under logs-refused/ must be refused by both.
 */
class LogCorpusTest {
    static final Path LOGS = Path.of("src/test/resources/logs");
    static final Path REFUSED = Path.of("src/test/resources/logs-refused");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> s = Files.walk(LOGS, 3)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".expected.json")).sorted()
                    .map(p -> p.resolveSibling(p.getFileName().toString().replaceFirst("\\.expected\\.json$", "")))
                    .toList().stream();
        }
    }

    /** The format a corpus file is of: the directory right under logs/ (trainer-state/checkpoint-500/...). */
    static String formatDir(Path file) { return LOGS.relativize(file).getName(0).toString(); }

    static Stream<Path> refused() throws IOException {
        try (Stream<Path> s = Files.list(REFUSED)) {
            return s.sorted().toList().stream();
        }
    }

    /** One event as the test compares it: phase, step, loss (NaN/absent spelled out), tokens. */
    record Ev(Phase phase, long step, Double loss, Long tokens) {
        @Override public String toString() {
            return String.format(Locale.ROOT, "%s %d %s %s", phase.label(), step, loss, tokens);
        }
    }

    @Test
    void theCorpusHasTwoFilesForEveryExistingFormat() throws IOException {
        List<String> formats = LogFormats.names().stream().filter(n -> !n.equals("regex")).toList();
        for (String f : formats) {
            long n = corpus().filter(p -> formatDir(p).equals(f)).count();
            assertThat(n).as("corpus files with .expected.json for %s", f).isGreaterThanOrEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void replayAndLiveAgreeOnTheExpectedFigures(Path file) throws IOException {
        JsonNode want = JSON.readTree(file.resolveSibling(file.getFileName() + ".expected.json").toFile());
        String dirFormat = formatDir(file);
        assertThat(want.get("format").asText()).as("expected format is the directory's").isEqualTo(dirFormat);

        Replayed replayed = replay(file);
        assertThat(replayed.format).as("replay-log detected").isEqualTo(dirFormat);
        Live live = live(file);
        assertThat(live.format).as("run --log detected").isEqualTo(dirFormat);
        assertThat(live.events).as("run --log events = replay-log events").hasSameSizeAs(replayed.events);
        for (int i = 0; i < live.events.size(); i++) {
            Ev a = live.events.get(i);
            Ev b = replayed.events.get(i);
            assertThat(List.of(a.phase, a.step, String.valueOf(a.tokens))).as("event %d: %s vs %s", i, a, b)
                    .isEqualTo(List.of(b.phase, b.step, String.valueOf(b.tokens)));
            if (a.loss == null || b.loss == null) assertThat(a.loss).as("event %d loss", i).isEqualTo(b.loss);
            else assertThat(a.loss).as("event %d loss", i).isCloseTo(b.loss, within(Math.abs(b.loss) * 1e-12));
        }

        List<Ev> train = replayed.events.stream().filter(e -> e.phase == Phase.TRAIN).toList();
        List<Ev> finite = train.stream().filter(e -> e.loss != null && Double.isFinite(e.loss)).toList();
        assertThat(train).as("train steps").hasSize(want.get("train_steps").asInt());
        assertThat(replayed.events.stream().filter(e -> e.phase == Phase.EVAL).count()).as("eval points")
                .isEqualTo(want.get("eval_points").asLong());
        checkLoss("first", finite.isEmpty() ? null : finite.get(0).loss, want.get("first_loss_nats"));
        checkLoss("last", finite.isEmpty() ? null : finite.get(finite.size() - 1).loss, want.get("last_loss_nats"));
        Long lastTokens = null;
        for (Ev e : train) if (e.tokens != null) lastTokens = e.tokens;
        JsonNode tk = want.get("last_tokens");
        if (tk == null || tk.isNull()) assertThat(lastTokens).as("last tokens").isNull();
        else assertThat(lastTokens).as("last tokens").isEqualTo(tk.asLong());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void nonTrainingLogsAreRefusedWithTheRegexHint(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = (new ReplayLogCommand(out, new PrintStream(err, true, StandardCharsets.UTF_8),
                new ManualNanoClock())).execute(file.toString());
        assertThat(rc).isEqualTo(2);
        assertThat(out.size()).isZero();
        String msg = err.toString(StandardCharsets.UTF_8);
        assertThat(msg).contains("no known format reads a step line").contains("megatron, deepspeed-pipe")
                .contains("--format regex --regex '");
        assertThat(live(file).format).isEqualTo("pending");
    }

    private static void checkLoss(String which, Double got, JsonNode want) {
        if (want == null || want.isNull()) {
            assertThat(got).as(which + " loss").isNull();
            return;
        }
        assertThat(got).as(which + " loss").isNotNull();
        assertThat(got).as(which + " loss").isCloseTo(want.asDouble(), within(Math.abs(want.asDouble()) * 1e-6));
    }

    record Replayed(String format, List<Ev> events) {}

    record Live(String format, List<Ev> events) {}

    static Replayed replay(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = (new ReplayLogCommand(out, new PrintStream(err, true, StandardCharsets.UTF_8),
                new ManualNanoClock())).execute(file.toString());
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(rc).as("replay-log exit; stderr: %s", e).isZero();
        List<Ev> events = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (l.isEmpty()) continue;
            JsonNode n = JSON.readTree(l);
            JsonNode loss = n.get("loss_nats");
            Double lv = loss == null || loss.isNull() ? null : loss.isTextual() ? Double.valueOf(loss.asText())
                    : loss.asDouble();
            JsonNode tk = n.get("tokens");
            events.add(new Ev(Phase.valueOf(n.get("phase").asText().toUpperCase(Locale.ROOT)), n.get("step").asLong(),
                    lv, tk == null || tk.isNull() ? null : tk.asLong()));
        }
        String format = e.replaceFirst("(?s).*format=(\\S+).*", "$1");
        return new Replayed(format, events);
    }

    /** As the sidecar follows {@code run --log FILE}: trainer_state.json re-read whole, any other file tailed. */
    static Live live(Path file) {
        List<Ev> events = new ArrayList<>();
        FormatOptions opts = FormatOptions.defaults();
        if (file.getFileName().toString().equals("trainer_state.json")) {
            var src = new TrainerStateSource(file, opts, Duration.ofSeconds(1), new ManualNanoClock());
            for (StepEvent e : src.pollOnce()) events.add(ev(e));
            return new Live("trainer-state", events);
        }
        TailProgressSource src = TailProgressSource.forLog(LogTailer.builder(file), "auto", opts,
                new ManualNanoClock());
        src.pollOnce(e -> events.add(ev(e)));
        src.close();                                   // the run ended: held-back events come out
        return new Live(src.formatName(), events);
    }

    private static Ev ev(StepEvent e) {
        boolean finite = e.lossNats().isPresent() && Double.isFinite(e.lossNats().getAsDouble());
        return new Ev(e.phase(), e.step(), finite ? e.lossNats().getAsDouble() : null,
                e.tokens().isPresent() ? e.tokens().getAsLong() : null);
    }
}
