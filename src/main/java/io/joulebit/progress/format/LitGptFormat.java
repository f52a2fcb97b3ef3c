package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.List;

/**
 * LitGPT: {@code Epoch 1 | iter 46 step 1 | loss train: 3.724, val: n/a | iter time: 45.73 ms} (the step is the
 * optimizer step; the trailing val is stale and not re-reported); older {@code iter 100 step 25: loss 3.12, ...};
 * eval: {@code iter 600: val loss 3.1234, val time: ...} and {@code Final evaluation | val loss: 3.1 | val ppl: ...},
 * both at the last optimizer step seen.
 * Source: Lightning-AI/litgpt {@code litgpt/pretrain.py} and {@code litgpt/finetune/*.py} (v0.4–0.5): {@code
 * fabric.print(f"Epoch {...} | iter {...} step {...} | loss train: {...:.3f}, val: {val_loss} | iter time: ...")},
 * {@code fabric.print(f"iter {iter_num}: val loss {val_loss:.4f}, val time: ...")} and {@code Final evaluation | val
 * loss: ... | val ppl: ...}.
 */
public final class LitGptFormat extends StepFormat {
    private final Scan scan = new Scan();
    private long lastStep;

    public LitGptFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "litgpt"; }

    @Override protected List<String> needles() { return List.of("loss"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        int k = Scan.indexOf(s, "iter ", 0);
        if (k >= 0 && NanoGptFormat.wordStart(s, k) && scan.integerPast(s, k, "iter ")) {
            int after = NanoGptFormat.skipBlanks(s, scan.end);
            if (Scan.startsWith(s, after, "step ") && scan.integerPast(s, after, "step ")) {
                long step = (long) scan.value;
                int l = Scan.indexOf(s, "loss train:", scan.end);
                int len = 11;
                if (l < 0) { l = Scan.indexOf(s, ": loss ", scan.end); len = 7; }
                if (l < 0) return LineResult.IGNORED;
                if (!scan.number(s, l + len)) return LineResult.REJECTED;
                lastStep = step;
                return LineResult.of(StepEvent.train(step, opts.lossUnit().toNats(scan.value)));
            }
            if (after < s.length() && s.charAt(after) == ':') {
                int v = NanoGptFormat.skipBlanks(s, after + 1);
                if (!Scan.startsWith(s, v, "val loss")) return LineResult.IGNORED;
                return eval(s, Scan.past(v, "val loss"));
            }
            return LineResult.IGNORED;
        }
        int f = Scan.indexOf(s, "Final evaluation", 0);
        if (f >= 0) {
            int v = Scan.indexOf(s, "val loss", f);
            return v < 0 ? LineResult.IGNORED : eval(s, Scan.past(v, "val loss"));
        }
        return LineResult.IGNORED;
    }

    private LineResult eval(CharSequence s, int at) {
        if (!scan.number(s, at)) return LineResult.REJECTED;
        return LineResult.of(StepEvent.train(lastStep, opts.lossUnit().toNats(scan.value)).withPhase(Phase.EVAL));
    }
}
