package io.joulebit.progress.format;

import io.joulebit.progress.StepEvent;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * nanotron (src/nanotron/trainer.py train_step_logs and logging/base.py LoggerWriter, main 2026-04): {@code
 * 01/02/2025 10:00:00 [INFO|DP=0|PP=0|TP=0|GPU:0]: iteration: 10 / 100 | consumed_tokens: 5.24M |
 * time_per_iteration_ms: 1.23K | tokens_per_sec: 4.26M | ... | lm_loss: 9.88 | lr: 0.0003 | ... | eta: 0:01:51}.
 * Releases before 2026 print giga as G ({@code consumed_tokens: 85.8G}) and {@code elapsed_time_per_iteration_ms}.
 * Megatron's parser also takes "iteration: 10 / 100 |" for a step, but finds no "lm loss" in it: this format refines
 * megatron. Every value goes through human_format: three significant digits with a K/M/B/T suffix, so lm_loss (the
 * token cross-entropy, nats) and consumed_tokens (cumulative, all ranks) are rounded as printed; tokens are taken
 * as printed, rounded to three significant digits. The trainer runs no evaluation of its own (lighteval runs apart),
 * so there are no eval points.
 */
public final class NanotronFormat extends StepFormat {
    private final Scan scan = new Scan();

    public NanotronFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "nanotron"; }

    @Override protected List<String> needles() { return List.of("loss"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        int it = Scan.indexOf(s, "iteration: ", 0);
        if (it < 0 || !scan.integerPast(s, it, "iteration: ") || scan.value < 0) return LineResult.IGNORED;
        long step = (long) scan.value;
        int slash = NanoGptFormat.skipBlanks(s, scan.end);
        if (slash >= s.length() || s.charAt(slash) != '/') return LineResult.IGNORED;
        int l = Scan.indexOf(s, "| lm_loss: ", slash);
        if (l < 0) return LineResult.IGNORED;
        if (!scan.numberPast(s, l, "| lm_loss: ")) return LineResult.REJECTED;
        double loss = human(s, scan.value);
        StepEvent e = StepEvent.train(step, opts.lossUnit().toNats(loss));
        int lr = Scan.indexOf(s, "| lr: ", slash);
        if (lr >= 0 && scan.numberPast(s, lr, "| lr: ")) e = e.withLearningRate(human(s, scan.value));
        int ct = Scan.indexOf(s, "| consumed_tokens: ", slash);
        if (ct >= 0 && scan.numberPast(s, ct, "| consumed_tokens: ") && scan.value >= 0) {
            double t = human(s, scan.value);
            if (t < 9.0e18) e = e.withTokens(Math.round(t));
        }
        return LineResult.of(e);
    }

    /** The number just scanned times its human_format suffix (K, M, B or G, T, P, E: powers of 1000). */
    private double human(CharSequence s, double v) {
        if (scan.end >= s.length()) return v;
        return switch (s.charAt(scan.end)) {
            case 'K' -> v * 1e3;
            case 'M' -> v * 1e6;
            case 'B', 'G' -> v * 1e9;
            case 'T' -> v * 1e12;
            case 'P' -> v * 1e15;
            case 'E' -> v * 1e18;
            default -> v;
        };
    }
}
