package io.joulebit.faults;

import ch.qos.logback.classic.Level;
import io.joulebit.progress.tail.LogTailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault 7: the followed log turns hostile: a 10 MB line, binary garbage, a NaN/Inf storm, absurd step numbers,
 * negative and decreasing token counts. The agent keeps going: every line lands in exactly one of
 * progress_lines_total{parsed,ignored,rejected}, five non-finite losses in a row set the diverged flag, D never
 * decreases, nothing escapes as an exception, and each problem is logged once.
 */
class LogGarbageTest {
    private long newlines;
    private final List<String> violations = new ArrayList<>();
    private double lastTokens;
    private double lastSteps;

    @Test
    void hostileLinesAreCountedAndTheAgentKeepsGoing(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("train.jsonl");
        Files.createFile(log);
        try (LogCapture all = LogCapture.root();
             LogCapture tailer = LogCapture.on(LogTailer.class);
             LogCapture run = LogCapture.named("io.joulebit.run");
             FollowedLog f = FollowedLog.polled(log)) {
            for (int i = 1; i <= 10; i++) append(log, line(i, "2.5", i * 1000L));
            step(f);

            append(log, "{\"step\": 11, \"loss\": 2.0, \"pad\": \"" + "x".repeat(10 << 20) + "\"}\n");
            step(f);
            append(log, garbage(new SplittableRandom(42), 64 * 1024));
            step(f);

            String[] storm = {"NaN", "Infinity", "-Infinity", "NaN", "NaN", "NaN"};
            for (int i = 0; i < storm.length; i++) {
                append(log, "{\"step\": " + (12 + i) + ", \"loss\": " + storm[i] + ", \"tokens\": " + (11_000 + i) + "}\n");
                step(f);
            }
            append(log, "{\"step\": 9223372036854775807, \"loss\": 2.4, \"tokens\": 17000}\n");
            append(log, "{\"step\": 1e30, \"loss\": 2.4, \"tokens\": 17000}\n");
            append(log, "{\"step\": 18, \"loss\": 2.4, \"tokens\": -5}\n");
            append(log, "{\"step\": 19, \"loss\": 2.4, \"tokens\": 5000}\n"); // decreasing: a restarted counter
            append(log, "{\"step\": 20, \"loss\": 2.4, \"tokens\": 1e30}\n");
            step(f);
            for (int i = 21; i <= 30; i++) append(log, line(i, "2.3", i * 1000L));
            step(f);

            String m = f.scrape.text();
            double parsed = Scrape.require(m, "joulebit_progress_lines_total", "result=\"parsed\"");
            double ignored = Scrape.require(m, "joulebit_progress_lines_total", "result=\"ignored\"");
            double rejected = Scrape.require(m, "joulebit_progress_lines_total", "result=\"rejected\"");
            assertThat(parsed + ignored + rejected).as("every line counted once").isEqualTo(newlines);
            assertThat(rejected).as("10 MB line and the two impossible step numbers at least").isGreaterThanOrEqualTo(3);
            var p = f.agent.latest().progress();
            assertThat(p.trainSteps()).isEqualTo(10 + 6 + 3 + 10);
            assertThat(p.lastStep()).isEqualTo(30);
            assertThat(p.tokens()).as("D: the last count that did not go backwards").hasValue(30_000);
            assertThat(p.tokensDecreased()).isEqualTo(1);
            assertThat(p.nonFiniteLosses()).isEqualTo(storm.length);
            assertThat(Double.isFinite(p.smoothedLossBits())).isTrue();
            assertThat(m).contains("joulebit_run_flag{flag=\"diverged\",run=\"log-fault\"} 1.0");
            assertThat(f.handedSteps()).doesNotHaveDuplicates().allSatisfy(s -> assertThat(s).isBetween(1L, 30L));
            assertThat(violations).as("counters never went backwards").isEmpty();

            assertThat(all.messages(Level.ERROR)).as("no exception escaped anywhere").isEmpty();
            assertThat(tailer.messages(Level.WARN)).as("the over-long line, once").hasSize(1)
                    .allSatisfy(w -> assertThat(w).contains("dropped a 10485").contains("byte line"));
            assertThat(run.messages(Level.WARN, "diverged")).hasSize(1);
            assertThat(run.messages(Level.WARN, "tokens went backwards")).hasSize(1);
        }
    }

    private static String line(long step, String loss, long tokens) {
        return "{\"step\": " + step + ", \"loss\": " + loss + ", \"tokens\": " + tokens + "}\n";
    }

    /** Random bytes, newline-terminated, with no '{' (so no line can pose as a step by chance). */
    private static byte[] garbage(SplittableRandom r, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 1);
        for (int i = 0; i < n; i++) {
            int b = r.nextInt(256);
            out.write(b == '{' ? 0 : b);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private void append(Path log, String s) throws IOException { append(log, s.getBytes(StandardCharsets.UTF_8)); }

    private void append(Path log, byte[] bytes) throws IOException {
        for (byte b : bytes) if (b == '\n') newlines++;
        Files.write(log, bytes, StandardOpenOption.APPEND);
    }

    /** Poll, wait until applied, and check on /metrics that D and the step count did not go backwards. */
    private void step(FollowedLog f) {
        f.poll();
        String m = f.scrape.text();
        double tokens = Scrape.series(m, "joulebit_run_tokens_total").orElse(0);
        double steps = Scrape.series(m, "joulebit_run_steps_total").orElse(0);
        if (tokens < lastTokens || steps < lastSteps) violations.add(tokens + " tokens, " + steps + " steps");
        lastTokens = tokens;
        lastSteps = steps;
    }
}
