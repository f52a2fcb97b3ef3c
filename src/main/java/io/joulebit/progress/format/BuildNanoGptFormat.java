package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.List;

/**
 * build-nanogpt (train_gpt2.py). stdout: {@code step     5 | loss: 9.123456 | lr 3.6000e-04 | norm: 1.2 | dt: ...ms |
 * tok/sec: ...} and {@code validation loss: 3.0612} (eval at the last step); log.txt: {@code 5 train 9.123456},
 * {@code 250 val 3.2345} ({@code hella} accuracy lines are not losses).
 * Source: karpathy/build-nanogpt {@code train_gpt2.py} (master): {@code print(f"step {step:5d} | loss:
 * {loss_accum.item():.6f} | lr {lr:.4e} | norm: {norm:.4f} | dt: ... | tok/sec: ...")}, {@code print(f"validation loss:
 * {val_loss_accum.item():.4f}")} and the log file's {@code f"{step} train {...:.6f}"}, {@code "{step} val"}, {@code
 * "{step} hella"} lines.
 */
public final class BuildNanoGptFormat extends StepFormat {
    private final Scan scan = new Scan();
    private long lastStep;

    public BuildNanoGptFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "build-nanogpt"; }

    @Override protected List<String> needles() { return List.of("loss", "train ", "val "); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        int i = NanoGptFormat.skipBlanks(s, 0);
        if (Scan.startsWith(s, i, "step ") && scan.integerPast(s, i, "step ")) {
            long step = (long) scan.value;
            int bar = NanoGptFormat.skipBlanks(s, scan.end);
            if (!Scan.startsWith(s, bar, "| loss:")) return LineResult.IGNORED;
            if (!scan.numberPast(s, bar, "| loss:")) return LineResult.REJECTED;
            StepEvent e = StepEvent.train(step, opts.lossUnit().toNats(scan.value));
            int lr = Scan.indexOf(s, "| lr ", bar);
            if (lr >= 0 && scan.numberPast(s, lr, "| lr ")) e = e.withLearningRate(scan.value);
            lastStep = step;
            return LineResult.of(e);
        }
        if (Scan.startsWith(s, i, "validation loss:")) {
            if (!scan.numberPast(s, i, "validation loss:")) return LineResult.REJECTED;
            return LineResult.of(StepEvent.train(lastStep, opts.lossUnit().toNats(scan.value)).withPhase(Phase.EVAL));
        }
        if (i < s.length() && Scan.isDigit(s.charAt(i)) && scan.integer(s, i)) {   // log.txt
            long step = (long) scan.value;
            int w = NanoGptFormat.skipBlanks(s, scan.end);
            Phase phase;
            int len;
            if (Scan.startsWith(s, w, "train ")) { phase = Phase.TRAIN; len = 6; }
            else if (Scan.startsWith(s, w, "val ")) { phase = Phase.EVAL; len = 4; }
            else return LineResult.IGNORED;
            if (!scan.number(s, w + len) || NanoGptFormat.skipBlanks(s, scan.end) != s.length()) {
                return LineResult.REJECTED;
            }
            if (phase == Phase.TRAIN) lastStep = step;
            return LineResult.of(StepEvent.train(step, opts.lossUnit().toNats(scan.value)).withPhase(phase));
        }
        return LineResult.IGNORED;
    }
}
