package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.List;

/**
 * llm.c. stdout of today's train_gpt2.cu (karpathy/llm.c master, 2024-2025): {@code printf0("step %4d/%d | loss %7.6f
 * (%+.2fz)| norm %6.4f (%+.2fz)| lr %.2e | %.2f ms | %.1f%% bf16 MFU | %.0f tok/s\n", ...)}, the z-scores reading
 * {@code (+nanz)} on the first steps; the mid-2024 builds: {@code step    1/74 | train loss 11.010180 | norm 15.43 |
 * lr 6.00e-06 | ...}; train_gpt2.c: {@code step 1/74: train loss 4.367631 (...)}; {@code printf0("val loss %f\n")}
 * (eval, at the step before it). main.log ({@code logger_log_train}/{@code logger_log_val} in llmc/logger.h):
 * {@code s:%d trl:%.4f lr:%.6f norm:%.2f} (train) and {@code s:%d tel:%.4f} (eval); {@code s:%d eval:%.4f}
 * (HellaSwag accuracy) is not a loss.
 */
public final class LlmcFormat extends StepFormat {
    private final Scan scan = new Scan();
    private long lastStep;

    public LlmcFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "llm-c"; }

    @Override protected List<String> needles() { return List.of("loss", "trl:", "tel:"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        int i = NanoGptFormat.skipBlanks(s, 0);
        if (Scan.startsWith(s, i, "s:")) return mainLog(s, Scan.past(i, "s:"));
        int k = Scan.indexOf(s, "step ", 0);
        if (k >= 0 && NanoGptFormat.wordStart(s, k) && scan.integerPast(s, k, "step ")) {
            long step = (long) scan.value;
            int slash = NanoGptFormat.skipBlanks(s, scan.end);
            if (slash >= s.length() || s.charAt(slash) != '/') return LineResult.IGNORED;
            int tl = Scan.indexOf(s, "train loss", slash);
            int at = Scan.past(tl, "train loss");
            if (tl < 0) {
                tl = Scan.indexOf(s, "| loss", slash);      // today's train_gpt2.cu: "| loss X (+0.9z)|"
                at = Scan.past(tl, "| loss");
            }
            if (tl < 0) return LineResult.IGNORED;
            if (!scan.number(s, at)) return LineResult.REJECTED;
            StepEvent e = StepEvent.train(step, opts.lossUnit().toNats(scan.value));
            int lr = Scan.indexOf(s, "| lr ", tl);
            if (lr >= 0 && scan.numberPast(s, lr, "| lr ")) e = e.withLearningRate(scan.value);
            lastStep = step;
            return LineResult.of(e);
        }
        if (Scan.startsWith(s, i, "val loss")) {
            if (!scan.numberPast(s, i, "val loss")) return LineResult.REJECTED;
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
        if (!scan.numberPast(s, rest, "tel:")) return LineResult.REJECTED;
        StepEvent e = StepEvent.train(step, opts.lossUnit().toNats(scan.value)).withPhase(phase);
        int lr = Scan.indexOf(s, " lr:", rest);
        if (lr >= 0 && scan.numberPast(s, lr, " lr:")) e = e.withLearningRate(scan.value);
        if (phase == Phase.TRAIN) lastStep = step;
        return LineResult.of(e);
    }
}
