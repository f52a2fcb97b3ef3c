package io.joulebit.progress.tail;

import static io.joulebit.progress.tail.TailFixture.append;
import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.progress.LogFormat;
import io.joulebit.progress.StepEvent;
import io.joulebit.testing.Await;
import io.joulebit.time.ManualNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

class TailProgressSourceTest {
    @TempDir Path dir;
    private final ManualNanoClock clock = new ManualNanoClock(1_000);
    private final List<StepEvent> events = new CopyOnWriteArrayList<>();

    /** "step N loss X" is a step; "boom" makes it throw (a parser bug); anything else is not a step. */
    static final class StepLossFormat implements LogFormat {
        private static final Pattern STEP = Pattern.compile("step (\\d+) loss ([0-9.]+)");

        @Override public String name() { return "test"; }

        @Override public boolean detect(List<String> firstLines) {
            return firstLines.stream().anyMatch(l -> STEP.matcher(l).find());
        }

        @Override public Optional<StepEvent> parse(CharSequence line) {
            if (line.toString().equals("boom")) throw new IllegalStateException("parser bug");
            Matcher m = STEP.matcher(line);
            return m.find() ? Optional.of(StepEvent.train(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2))))
                    : Optional.empty();
        }
    }

    private static List<Long> steps(List<StepEvent> events) { return events.stream().map(StepEvent::step).toList(); }

    @Test
    void givenFormatParsesStampsAndCounts() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "banner\nstep 1 loss 2.5\n\nstep 2 loss 2.25\n");
        var source = TailProgressSource.withFormat(LogTailer.builder(log), new StepLossFormat(), clock);
        assertThat(source.name()).isEqualTo("log");
        assertThat(source.counters().lastEventMonoNanos()).isEmpty();
        source.pollOnce(events::add);
        assertThat(steps(events)).containsExactly(1L, 2L);
        assertThat(events.get(1).lossNats()).hasValue(2.25);
        assertThat(events).allSatisfy(e -> assertThat(e.monoNanos()).isEqualTo(1_000));

        clock.advance(Duration.ofSeconds(3));
        append(log, "step 3 loss 2.0\n");
        source.pollOnce(events::add);
        assertThat(events.get(2).monoNanos()).isEqualTo(1_000 + 3_000_000_000L);
        assertThat(source.counters()).isEqualTo(new ProgressCounters(3, 2, 0,
                OptionalLong.of(1_000 + 3_000_000_000L)));
        assertThat(source.position()).isPresent();
    }

    @Test
    void parserExceptionAndOverlongLineCountAsRejectedAndNeitherStopsTheSource() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "step 1 loss 3\nboom\n" + "x".repeat(100) + "\nstep 2 loss 2\n");
        var source = TailProgressSource.withFormat(LogTailer.builder(log).maxLineBytes(50), new StepLossFormat(), clock);
        source.pollOnce(events::add);
        assertThat(steps(events)).containsExactly(1L, 2L);
        assertThat(source.counters().rejected()).isEqualTo(2);
        assertThat(source.counters().parsed()).isEqualTo(2);
    }

    @Test
    void failingStepConsumerDoesNotStopLaterEvents() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "step 1 loss 3\nstep 2 loss 2\n");
        var source = TailProgressSource.withFormat(LogTailer.builder(log), new StepLossFormat(), clock);
        source.pollOnce(e -> {
            if (e.step() == 1) throw new IllegalStateException("consumer bug");
            events.add(e);
        });
        assertThat(steps(events)).containsExactly(2L);
    }

    @Test
    void detectorSeesNonBlankLinesAndHeldLinesAreParsedOnceDecided() throws Exception {
        Path log = dir.resolve("train.log");
        List<List<String>> seen = new ArrayList<>();
        StepLossFormat format = new StepLossFormat();
        Function<List<String>, LogFormat> detector = lines -> {
            seen.add(lines);
            return format.detect(lines) ? format : null;
        };
        var source = TailProgressSource.detecting(LogTailer.builder(log), detector, clock);
        append(log, "Loading model...\n\n");
        source.pollOnce(events::add);
        assertThat(source.format()).isEmpty();
        assertThat(events).isEmpty();

        append(log, "step 1 loss 3.0\nstep 2 loss 2.0\n");
        source.pollOnce(events::add);
        assertThat(source.format()).containsSame(format);
        assertThat(seen).containsExactly(List.of("Loading model..."),
                List.of("Loading model...", "step 1 loss 3.0", "step 2 loss 2.0"));
        assertThat(steps(events)).containsExactly(1L, 2L);

        append(log, "step 3 loss 1.5\n");
        source.pollOnce(events::add);
        assertThat(steps(events)).containsExactly(1L, 2L, 3L);
        assertThat(seen).hasSize(2); // decided once, never asked again
        assertThat(source.counters().ignored()).isEqualTo(2); // the banner and the blank line
    }

    @Test
    void fullWindowWithoutDecisionIsIgnoredAndDetectionGoesOn() throws Exception {
        Path log = dir.resolve("train.log");
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < TailProgressSource.DETECT_LINES + 3; i++) noise.append("noise ").append(i).append('\n');
        append(log, noise + "step 7 loss 1.0\n");
        List<Integer> windowSizes = new ArrayList<>();
        StepLossFormat format = new StepLossFormat();
        var source = TailProgressSource.detecting(LogTailer.builder(log), lines -> {
            windowSizes.add(lines.size());
            return format.detect(lines) ? format : null;
        }, clock);
        source.pollOnce(events::add);
        assertThat(windowSizes).containsExactly(TailProgressSource.DETECT_LINES, 4);
        assertThat(steps(events)).containsExactly(7L);
        assertThat(source.counters().ignored()).isEqualTo(TailProgressSource.DETECT_LINES + 3);
    }

    @Test
    void detectorThatThrowsIsTreatedAsUndecided() throws Exception {
        Path log = dir.resolve("train.log");
        append(log, "step 1 loss 1\n");
        var source = TailProgressSource.detecting(LogTailer.builder(log), lines -> {
            throw new IllegalStateException("detector bug");
        }, clock);
        source.pollOnce(events::add);
        assertThat(source.format()).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void startedSourceDeliversFromItsOwnThread() throws Exception {
        Path log = dir.resolve("train.log");
        try (var source = TailProgressSource.withFormat(
                LogTailer.builder(log).pollInterval(Duration.ofMillis(10)), new StepLossFormat(), clock)) {
            source.start(events::add);
            append(log, "step 5 loss 0.5\n");
            Await.until("events.size() == 1", Duration.ofSeconds(10), () -> events.size() == 1, () -> "");
            assertThat(events.get(0).step()).isEqualTo(5);
        }
    }
}
