package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.List;

/**
 * MLX-LM fine-tuning (mlx_lm.lora / mlx_lm.tuner.trainer). Releases up to v0.31.3 print (mlx_lm/tuner/trainer.py,
 * tag v0.31.3): {@code Iter 10: Train loss 2.345, Learning Rate 1.000e-05, It/sec 0.512, Tokens/sec 987.654,
 * Trained Tokens 19234, Peak mem 9.123 GB} and {@code Iter 1: Val loss 2.987, Val took 3.210s}. Main since
 * 2026-06 (mlx_lm/cli_ui.py, TrainUI, PR #1344, version 0.32.0.dev) draws a rich table instead:
 * {@code   10    2.345 ▼    1,234    19.2k} and {@code   10    val 2.456    1.23s}, accepted only after a row with
 * the ▼/▲ arrow or the {@code iter   train_loss} heading so a bare "N val X" of other tools is not taken.
 * Loss: mean token cross-entropy (mlx.nn.losses.cross_entropy), nats. "Trained Tokens" is the cumulative count over
 * all ranks (all_sum) and becomes the event's tokens; the table prints it only rounded to 0.1k, so table rows carry
 * no tokens. Steps are the printed iteration numbers; "Val loss" is an eval point at the same iteration.
 */
public final class MlxLmFormat extends StepFormat {
    private final Scan scan = new Scan();
    private boolean table;

    public MlxLmFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "mlx-lm"; }

    /** The table's arrows as UTF-8 text and as the Latin-1 view of their bytes (what a ByteLine's chars are). */
    @Override protected List<String> needles() {
        return List.of("loss", "val ", "\u25BC", "\u25B2", "\u00E2\u0096\u00BC", "\u00E2\u0096\u00B2");
    }

    @Override
    protected LineResult readSegment(CharSequence s) {
        int i = NanoGptFormat.skipBlanks(s, 0);
        if (Scan.startsWith(s, i, "Iter ")) return classic(s, Scan.past(i, "Iter "));
        if (Scan.startsWith(s, i, "iter ") && Scan.contains(s, "train_loss")) { table = true; return LineResult.IGNORED; }
        if (i < s.length() && Scan.isDigit(s.charAt(i))) return tableRow(s, i);
        return LineResult.IGNORED;
    }

    private LineResult classic(CharSequence s, int at) {
        if (!scan.integer(s, at) || scan.value < 0) return LineResult.IGNORED;
        long step = (long) scan.value;
        int colon = scan.end;
        if (colon >= s.length() || s.charAt(colon) != ':') return LineResult.IGNORED;
        int k = NanoGptFormat.skipBlanks(s, colon + 1);
        if (Scan.startsWith(s, k, "Val loss")) {
            if (!scan.numberPast(s, k, "Val loss")) return LineResult.REJECTED;
            return LineResult.of(StepEvent.train(step, opts.lossUnit().toNats(scan.value)).withPhase(Phase.EVAL));
        }
        if (!Scan.startsWith(s, k, "Train loss")) return LineResult.IGNORED;
        if (!scan.numberPast(s, k, "Train loss")) return LineResult.REJECTED;
        StepEvent e = StepEvent.train(step, opts.lossUnit().toNats(scan.value));
        int lr = Scan.indexOf(s, "Learning Rate", k);
        if (lr >= 0 && scan.numberPast(s, lr, "Learning Rate")) e = e.withLearningRate(scan.value);
        int tk = Scan.indexOf(s, "Trained Tokens", k);
        if (tk >= 0 && scan.integerPast(s, tk, "Trained Tokens") && scan.value >= 0) e = e.withTokens((long) scan.value);
        return LineResult.of(e);
    }

    /** ▼ or ▲, as text or as the UTF-8 bytes a raw {@link ByteLine} shows one char per byte. */
    private static boolean arrow(CharSequence s, int a) {
        return Scan.startsWith(s, a, "\u25BC") || Scan.startsWith(s, a, "\u25B2")
                || Scan.startsWith(s, a, "\u00E2\u0096\u00BC") || Scan.startsWith(s, a, "\u00E2\u0096\u00B2");
    }

    private LineResult tableRow(CharSequence s, int at) {
        if (!scan.integer(s, at) || scan.value < 0) return LineResult.IGNORED;
        long step = (long) scan.value;
        int k = NanoGptFormat.skipBlanks(s, scan.end);
        if (k == scan.end) return LineResult.IGNORED;
        if (Scan.startsWith(s, k, "val ")) {
            if (!table || !scan.numberPast(s, k, "val ")) return LineResult.IGNORED;
            double loss = scan.value;
            int t = NanoGptFormat.skipBlanks(s, scan.end);
            if (!scan.number(s, t) || scan.end >= s.length() || s.charAt(scan.end) != 's') return LineResult.IGNORED;
            return LineResult.of(StepEvent.train(step, opts.lossUnit().toNats(loss)).withPhase(Phase.EVAL));
        }
        if (!scan.number(s, k)) return LineResult.IGNORED;
        double loss = scan.value;
        int a = NanoGptFormat.skipBlanks(s, scan.end);
        if (!arrow(s, a)) return LineResult.IGNORED;
        table = true;
        return LineResult.of(StepEvent.train(step, opts.lossUnit().toNats(loss)));
    }
}
