package io.joulebit.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * A training log that a test appends to, the way a trainer would: whole lines, one write per batch of steps. The loss
 * falls from ~10.8 nats towards 3 with a little deterministic wobble (so the heat-capacity window has a variance);
 * every step trains 512 sequences of 2048 tokens at a constant learning rate.
 */
final class TrainingLog {
    static final long BATCH_SEQUENCES = 512;
    static final long SEQ_LEN = 2048;
    static final double LEARNING_RATE = 3e-4;

    enum Format { MEGATRON, JSONL }

    private final Path file;
    private final Format format;
    private long step;

    TrainingLog(Path file, Format format) {
        this.file = file;
        this.format = format;
    }

    Path file() { return file; }

    synchronized long step() { return step; }

    /** Loss of step k in nats. */
    static double lossNats(long k) { return 3.0 + 7.8 * Math.exp(-k / 40.0) + 0.05 * Math.sin(1.7 * k); }

    /** Appends the next {@code n} steps with finite losses. */
    synchronized void append(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            step++;
            sb.append(line(step, String.format(Locale.ROOT, format == Format.MEGATRON ? "%.6E" : "%.6f",
                    lossNats(step))));
        }
        write(sb);
    }

    /** Appends {@code n} steps whose loss is NaN (a diverged run). */
    synchronized void appendNaN(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(line(++step, "NaN"));
        write(sb);
    }

    private String line(long k, String loss) {
        long tokens = k * BATCH_SEQUENCES * SEQ_LEN;
        return switch (format) {
            case MEGATRON -> String.format(Locale.ROOT, " iteration %8d/  300000 | consumed samples: %12d | consumed "
                    + "tokens: %14d | elapsed time per iteration (ms): 150.0 | learning rate: %.3E | global batch "
                    + "size: %5d | lm loss: %s | loss scale: 4096.0 | grad norm: 1.000 | number of skipped "
                    + "iterations:   0 | number of nan iterations:   0 |%n", k, k * BATCH_SEQUENCES, tokens,
                    LEARNING_RATE, BATCH_SEQUENCES, loss);
            case JSONL -> String.format(Locale.ROOT, "{\"step\": %d, \"loss\": %s, \"tokens\": %d, \"lr\": %s}%n",
                    k, loss, tokens, LEARNING_RATE);
        };
    }

    private void write(CharSequence lines) {
        try {
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
