package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * NVIDIA NeMo. NeMo 2 (nemo/lightning/pytorch/callbacks/progress_printer.py, v2.6.0) prints {@code Training epoch 0,
 * iteration 120/149 | lr: 3e-05 | consumed_samples: 121 | global_batch_size: 1 | global_step: 120 |
 * reduced_train_loss: 1.233 | train_step_timing in s: 0.03146 | val_loss: 4.106}; NeMo 1 and NeMo 2's
 * MegatronProgressBar (progress_bar.py) put the same metrics in a tqdm postfix: {@code Epoch 0: 10%|█ | 100/1000
 * [01:40<15:00, reduced_train_loss=3.21, global_step=99.0, consumed_samples=3.2e+3, val_loss=3.30]}. Megatron's
 * parser also takes the '|' shape for an iteration line, but finds no "lm loss" in it: this format refines megatron.
 * reduced_train_loss is the mean token cross-entropy over the logging interval, nats. The step is global_step; tqdm
 * rounds numbers to three significant digits ({@code 1.23e+04}), so a rounded global_step gives way to the bar's
 * counter minus one, and a rounded consumed_samples is dropped. consumed_samples feeds tokens (× --seq-len). In the
 * printer's lines val_loss stays in every later line once logged, so an eval point is emitted where its value first
 * appears or changes. In tqdm redraws (one physical line, many states) that cannot be told reliably, so there the
 * eval points come from Lightning's ModelCheckpoint line {@code Epoch 0, global step 400: 'val_loss' reached 5.56995
 * (best 5.56995), saving model to ...} (exact value; "was not in top k" lines carry none and are not counted). Where printer lines and checkpoint lines
 * both appear, the printer's next val_loss is taken as the same validation, not a new one.
 */
public final class NemoFormat extends StepFormat {
    private final Scan scan = new Scan();
    private double lastVal = Double.NaN;
    private boolean sawVal;
    private boolean adoptNextVal;                  // a checkpoint line just gave this validation's exact value

    public NemoFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "nemo"; }

    @Override protected List<String> needles() { return List.of("loss"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        int r = Scan.indexOf(s, "reduced_train_loss", 0);
        if (r < 0) return checkpoint(s);
        int after = Scan.past(r, "reduced_train_loss");
        if (after >= s.length() || (s.charAt(after) != ':' && s.charAt(after) != '=')) return LineResult.IGNORED;
        if (!scan.number(s, after)) return LineResult.REJECTED;
        double loss = scan.value;
        long step = step(s);
        if (step < 0) return LineResult.REJECTED;
        long consumed = -1;
        int c = Scan.indexOf(s, "consumed_samples", 0);
        if (c >= 0 && scan.numberPast(s, c, "consumed_samples") && whole(s, Scan.past(c, "consumed_samples"))) consumed = (long) scan.value;
        OptionalDouble lr = OptionalDouble.empty();
        int l = Scan.indexOf(s, "| lr:", 0);
        if (l < 0) l = Scan.indexOf(s, " lr=", 0);
        if (l >= 0 && scan.numberPast(s, l, " lr=")) lr = OptionalDouble.of(scan.value);
        List<StepEvent> out = new ArrayList<>(2);
        out.add(new StepEvent(step, OptionalDouble.of(opts.lossUnit().toNats(loss)), OptionalLong.empty(), lr,
                OptionalLong.empty(), 0L, Phase.TRAIN));
        int v = Scan.indexOf(s, "val_loss: ", 0);      // the printer's shape only: tqdm redraws are not one state each
        if (v >= 0 && scan.numberPast(s, v, "val_loss: ")) {
            double val = scan.value;
            if (adoptNextVal) {
                adoptNextVal = false;
            } else if (!sawVal || Double.compare(val, lastVal) != 0) {
                out.add(StepEvent.train(step, opts.lossUnit().toNats(val)).withPhase(Phase.EVAL));
            }
            sawVal = true;
            lastVal = val;
        }
        return new LineResult(LineKind.PARSED, out, consumed);
    }

    /** Lightning's ModelCheckpoint: {@code Epoch 0, global step 400: 'val_loss' reached 5.56995 (best ...)}. */
    private LineResult checkpoint(CharSequence s) {
        int g = Scan.indexOf(s, "global step ", 0);
        int v = Scan.indexOf(s, "'val_loss' reached ", 0);
        if (g < 0 || v < g || !scan.integerPast(s, g, "global step ") || scan.value < 0) return LineResult.IGNORED;
        long step = (long) scan.value;
        if (!scan.numberPast(s, v, "'val_loss' reached ")) return LineResult.REJECTED;
        adoptNextVal = true;
        return LineResult.of(StepEvent.train(step, opts.lossUnit().toNats(scan.value)).withPhase(Phase.EVAL));
    }

    /** global_step when printed exactly, else the tqdm counter minus one; -1 when neither is there. */
    private long step(CharSequence s) {
        int g = Scan.indexOf(s, "global_step", 0);
        if (g >= 0 && scan.numberPast(s, g, "global_step") && whole(s, Scan.past(g, "global_step")) && scan.value >= 0) return (long) scan.value;
        int bar = Scan.indexOf(s, "| ", s.toString().indexOf('|') + 1);
        if (bar >= 0 && scan.integerPast(s, bar, "| ") && scan.end < s.length() && s.charAt(scan.end) == '/'
                && scan.value >= 1) {
            return (long) scan.value - 1;
        }
        int it = Scan.indexOf(s, "iteration ", 0);
        if (it >= 0 && scan.integerPast(s, it, "iteration ") && scan.value >= 0) return (long) scan.value;
        return -1;
    }

    /** The number just scanned is a whole value written without an exponent (so not rounded by tqdm). */
    private boolean whole(CharSequence s, int from) {
        if (scan.value != Math.rint(scan.value) || scan.value < 0) return false;
        for (int i = from; i < scan.end; i++) if (s.charAt(i) == 'e' || s.charAt(i) == 'E') return false;
        return true;
    }
}
