package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.List;

/**
 * nanoGPT: {@code iter 100: loss 2.3456, time 12.34ms, mfu 10.21%} and {@code step 100: train loss 2.3, val loss 2.4} (eval).
 * Source: karpathy/nanoGPT {@code train.py} (master): {@code print(f"iter {iter_num}: loss {lossf:.4f}, time
 * {dt*1000:.2f}ms, mfu {running_mfu*100:.2f}%")} and {@code print(f"step {iter_num}: train loss {losses['train']:.4f},
 * val loss {losses['val']:.4f}")}.
 */
public final class NanoGptFormat extends StepFormat {
    private final Scan scan = new Scan();

    public NanoGptFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "nanogpt"; }

    @Override protected List<String> needles() { return List.of("loss"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        int k = Scan.indexOf(s, "iter ", 0);
        if (k >= 0 && wordStart(s, k) && scan.integerPast(s, k, "iter ") && colonAt(s, scan.end)) {
            long step = (long) scan.value;
            int after = skipBlanks(s, scan.end + 1);
            if (!Scan.startsWith(s, after, "loss")) return LineResult.IGNORED;
            if (!scan.numberPast(s, after, "loss")) return LineResult.REJECTED;
            return LineResult.of(StepEvent.train(step, opts.lossUnit().toNats(scan.value)));
        }
        k = Scan.indexOf(s, "step ", 0);
        if (k >= 0 && wordStart(s, k) && scan.integerPast(s, k, "step ") && colonAt(s, scan.end)) {
            long step = (long) scan.value;
            int v = Scan.indexOf(s, "val loss", scan.end);
            if (v < 0 || Scan.indexOf(s, "train loss", scan.end) < 0) return LineResult.IGNORED;
            if (!scan.numberPast(s, v, "val loss")) return LineResult.REJECTED;
            return LineResult.of(StepEvent.train(step, opts.lossUnit().toNats(scan.value)).withPhase(Phase.EVAL));
        }
        return LineResult.IGNORED;
    }

    static boolean wordStart(CharSequence s, int k) { return k == 0 || !Character.isLetterOrDigit(s.charAt(k - 1)); }

    private static boolean colonAt(CharSequence s, int i) { return i < s.length() && s.charAt(i) == ':'; }

    static int skipBlanks(CharSequence s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        return i;
    }
}
