package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.List;

/**
 * torchtune recipes' metric loggers (torchtune/training/metric_logging.py, main after v0.6.1): StdoutLogger and the
 * DiskLogger's txt file both write {@code Step 10 | loss:1.2345678 lr:2e-05 tokens_per_second_per_gpu:1523.4 } (one
 * line per log_dict call; older DiskLogger.log calls wrote one metric per line, {@code Step 10 | loss:1.23}, which
 * reads the same); with stderr captured too, the line may follow a tqdm bar's text. Recipes log "loss" (token-mean cross-entropy, nats) at global_step and "val_loss" after a
 * validation pass, which is an eval point. The tqdm bar ({@code 1|10|Loss: 1.23}) repeats the loss and is not read.
 * The recipes log only a tokens-per-second rate, never a cumulative count, so events carry no tokens (DiskLogger's
 * jsonl output is read by the jsonl format).
 */
public final class TorchtuneFormat extends StepFormat {
    private final Scan scan = new Scan();

    public TorchtuneFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "torchtune"; }

    @Override protected List<String> needles() { return List.of("loss"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        int i = Scan.indexOf(s, "Step ", 0);
        while (i > 0 && !NanoGptFormat.wordStart(s, i)) i = Scan.indexOf(s, "Step ", i + 1);
        if (i < 0 || !scan.integerPast(s, i, "Step ") || scan.value < 0) return LineResult.IGNORED;
        long step = (long) scan.value;
        int bar = NanoGptFormat.skipBlanks(s, scan.end);
        if (bar >= s.length() || s.charAt(bar) != '|') return LineResult.IGNORED;
        int loss = field(s, "loss:", bar);
        int val = field(s, "val_loss:", bar);
        if (loss < 0 && val < 0) return LineResult.IGNORED;
        boolean eval = loss < 0;
        if (!scan.number(s, eval ? val : loss)) return LineResult.REJECTED;
        StepEvent e = StepEvent.train(step, opts.lossUnit().toNats(scan.value));
        if (eval) return LineResult.of(e.withPhase(Phase.EVAL));
        int lr = field(s, "lr:", bar);
        if (lr >= 0 && scan.number(s, lr)) e = e.withLearningRate(scan.value);
        return LineResult.of(e);
    }

    /** Index just past {@code name} where it starts a field (after "| " or a blank), or -1. */
    private static int field(CharSequence s, String name, int from) {
        int k = from;
        while ((k = Scan.indexOf(s, name, k + 1)) >= 0) {
            char before = s.charAt(k - 1);
            if (before == ' ' || before == '|') return k + name.length();
        }
        return -1;
    }
}
