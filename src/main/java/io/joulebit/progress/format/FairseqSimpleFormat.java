package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.List;

/**
 * fairseq {@code --log-format simple}: train_inner lines {@code epoch 001:    100 / 1975 loss=12.834,
 * nll_loss=12.424, ppl=5496.24, ..., num_updates=100, lr=1.009, ...} and valid lines {@code epoch 001 | valid on
 * 'valid' subset | loss 8.114 | nll_loss 6.883 | ppl 118.06 | ... | num_updates 600} (older: valid_loss,
 * valid_nll_loss). fairseq logs base-2 losses: read as BITS whatever the configured unit. nll_loss (the plain
 * cross-entropy, ppl = 2^nll_loss) is preferred over the label-smoothed loss. Epoch summaries are averages and ignored.
 * Source: facebookresearch/fairseq {@code fairseq/logging/progress_bar.py} (v0.10–0.12), {@code SimpleProgressBar.log}:
 * {@code "{}:  {:5d} / {:d} {}".format(prefix, i + 1, size, postfix)} with {@code key=value} pairs, and {@code print}:
 * {@code "{} | {}".format(prefix, postfix)}; older (0.6) logs start with {@code | epoch 001:}.
 */
public final class FairseqSimpleFormat extends StepFormat {
    private final Scan scan = new Scan();
    private long lastStep;

    public FairseqSimpleFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "fairseq-simple"; }

    @Override protected List<String> needles() { return List.of("loss", "valid on '"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        int v = Scan.indexOf(s, "valid on '", 0);
        if (v >= 0) return valid(s, v);
        int u = Scan.indexOf(s, "num_updates=", 0);
        if (u < 0 || Scan.indexOf(s, "loss=", 0) < 0) return LineResult.IGNORED;
        if (!scan.integerPast(s, u, "num_updates=")) return LineResult.REJECTED;
        long step = (long) scan.value;
        if (!scan.numberAfter(s, "nll_loss=", 0) && !scan.numberAfter(s, " loss=", 0)) return LineResult.REJECTED;
        StepEvent e = StepEvent.train(step, LossUnit.BITS.toNats(scan.value));
        int lr = Scan.indexOf(s, " lr=", 0);
        if (lr >= 0 && scan.numberPast(s, lr, " lr=")) e = e.withLearningRate(scan.value);
        lastStep = step;
        return LineResult.of(e);
    }

    private LineResult valid(CharSequence s, int v) {
        long step = lastStep;
        int u = Scan.indexOf(s, "num_updates ", v);
        if (u >= 0 && scan.integerPast(s, u, "num_updates ")) step = (long) scan.value;
        boolean found = scan.numberAfter(s, "| valid_nll_loss ", v) || scan.numberAfter(s, "| nll_loss ", v)
                || scan.numberAfter(s, "| valid_loss ", v) || scan.numberAfter(s, "| loss ", v) || scan.numberAfter(s, "| valid loss ", v);
        if (!found) return Scan.contains(s, " | ") ? LineResult.REJECTED : LineResult.IGNORED;
        return LineResult.of(StepEvent.train(step, LossUnit.BITS.toNats(scan.value)).withPhase(Phase.EVAL));
    }
}
