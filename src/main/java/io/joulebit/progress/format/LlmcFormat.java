package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

/**
 * llm.c. stdout: {@code step    1/74 | train loss 11.010180 | norm 15.43 | lr 6.00e-06 | ...} (older builds:
 * {@code step 1/74: train loss 4.367631 (...)}) and {@code val loss 3.51} (eval at the last step). main.log:
 * {@code s:100 trl:3.21} (train) and {@code s:100 tel:3.30} (eval); {@code eval:} (HellaSwag accuracy) is not a loss.
 */
public final class LlmcFormat extends StepFormat {
    private final Scan scan = new Scan();
    private long lastStep;

    public LlmcFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "llm-c"; }

    @Override
    protected LineResult readSegment(CharSequence s) {
        int i = NanoGptFormat.skipBlanks(s, 0);
        if (Scan.startsWith(s, i, "s:")) return mainLog(s, i + 2);
        int k = Scan.indexOf(s, "step ", 0);
        if (k >= 0 && NanoGptFormat.wordStart(s, k) && scan.integer(s, k + 5)) {
            long step = (long) scan.value;
            int slash = NanoGptFormat.skipBlanks(s, scan.end);
            if (slash >= s.length() || s.charAt(slash) != '/') return LineResult.IGNORED;
            int tl = Scan.indexOf(s, "train loss", slash);
            if (tl < 0) return LineResult.IGNORED;
            if (!scan.number(s, tl + 10)) return LineResult.REJECTED;
            StepEvent e = StepEvent.train(step, opts.lossUnit().toNats(scan.value));
            int lr = Scan.indexOf(s, "| lr ", tl);
            if (lr >= 0 && scan.number(s, lr + 5)) e = e.withLearningRate(scan.value);
            lastStep = step;
            return LineResult.of(e);
        }
        if (Scan.startsWith(s, i, "val loss")) {
            if (!scan.number(s, i + 8)) return LineResult.REJECTED;
            return LineResult.of(StepEvent.train(lastStep, opts.lossUnit().toNats(scan.value)).withPhase(Phase.EVAL));
        }
        return LineResult.IGNORED;
    }

    private LineResult mainLog(CharSequence s, int at) {
        if (!scan.integer(s, at)) return LineResult.IGNORED;
        long step = (long) scan.value;
        int rest = NanoGptFormat.skipBlanks(s, scan.end);
        Phase phase;
        if (Scan.startsWith(s, rest, "trl:")) phase = Phase.TRAIN;
        else if (Scan.startsWith(s, rest, "tel:")) phase = Phase.EVAL;
        else return LineResult.IGNORED;
        if (!scan.number(s, rest + 4)) return LineResult.REJECTED;
        StepEvent e = StepEvent.train(step, opts.lossUnit().toNats(scan.value)).withPhase(phase);
        int lr = Scan.indexOf(s, " lr:", rest);
        if (lr >= 0 && scan.number(s, lr + 4)) e = e.withLearningRate(scan.value);
        if (phase == Phase.TRAIN) lastStep = step;
        return LineResult.of(e);
    }
}
