package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * MaxText (src/maxtext/common/metric_logger.py, main 2026-08, package version in src/maxtext/version.py): one line
 * per train step, {@code completed step: 9, seconds: 5.667, TFLOP/s/device: 134.924, Tokens/s/device: 8672.758,
 * total_weights: 196608, loss: 10.374, lm_loss: 10.370, perplexity: 31900.1} (older releases end at {@code loss};
 * batch-size ramp-up lines start {@code [Rampup Batch Size Phase]} and lack the throughput fields; profiler
 * boundary steps read {@code completed profiler activation/deactivation step: N}). The loss is lm_loss, the
 * cross-entropy in nats, when logged; else loss (which also holds z-loss and MoE balancing terms). total_weights is
 * the step's count of non-padding target tokens, so tokens are the running sum, but only when the log starts at
 * step 0: a resumed run's log has no count of what came before. Evaluation ends in {@code Completed eval after train
 * step 99, loss=4.123, perplexity=...} (older: {@code eval metrics after step: 99, loss=4.123}), an eval point;
 * the running {@code Completed eval step:} lines are partial averages and are not read.
 */
public final class MaxTextFormat extends StepFormat {
    private static final String STEP = "completed step: ";
    private static final String PROFILER_STEP = "completed profiler activation/deactivation step: ";
    private static final String EVAL = "Completed eval after train step";
    private static final String OLD_EVAL = "eval metrics after step:";
    private final Scan scan = new Scan();
    private long tokens;
    private boolean counting;
    private boolean started;
    private long lastStep = -1;

    public MaxTextFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "maxtext"; }

    @Override protected List<String> needles() { return List.of("loss", EVAL, OLD_EVAL); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        int k = Scan.indexOf(s, STEP, 0);
        int at = k + STEP.length();
        if (k < 0) {
            k = Scan.indexOf(s, PROFILER_STEP, 0);
            at = k + PROFILER_STEP.length();
        }
        if (k >= 0) return train(s, at);
        int ev = Scan.indexOf(s, EVAL, 0);
        at = ev + EVAL.length();
        if (ev < 0) {
            ev = Scan.indexOf(s, OLD_EVAL, 0);
            at = ev + OLD_EVAL.length();
        }
        if (ev < 0 || !scan.integer(s, at)) return LineResult.IGNORED;
        long step = (long) scan.value;
        if (!scan.numberAfter(s, "loss=", scan.end)) return LineResult.REJECTED;
        return LineResult.of(StepEvent.train(step, opts.lossUnit().toNats(scan.value)).withPhase(Phase.EVAL));
    }

    private LineResult train(CharSequence s, int at) {
        if (!scan.integer(s, at) || scan.value < 0) return LineResult.IGNORED;
        long step = (long) scan.value;
        int from = scan.end;
        int lm = Scan.indexOf(s, ", lm_loss: ", from);
        int l = Scan.indexOf(s, ", loss: ", from);
        if (lm < 0 && l < 0) return LineResult.IGNORED;
        if (!scan.number(s, lm >= 0 ? Scan.past(lm, ", lm_loss: ") : Scan.past(l, ", loss: "))) return LineResult.REJECTED;
        double loss = scan.value;
        if (!started) { started = true; counting = step == 0; }
        OptionalLong tk = OptionalLong.empty();
        int w = Scan.indexOf(s, "total_weights: ", from);
        if (counting && step == lastStep + 1 && w >= 0 && scan.numberPast(s, w, "total_weights: ") && scan.value >= 0) {
            tokens += (long) scan.value;
            tk = OptionalLong.of(tokens);
        } else {
            counting = false;                             // a gap in the sum: no count from here on
        }
        lastStep = Math.max(lastStep, step);
        return LineResult.of(new StepEvent(step, OptionalDouble.of(opts.lossUnit().toNats(loss)), tk,
                OptionalDouble.empty(), OptionalLong.empty(), 0L, Phase.TRAIN));
    }
}
