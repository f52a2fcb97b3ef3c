package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * MosaicML Composer's ConsoleLogger, which llm-foundry uses (composer/loggers/console_logger.py, 0.33.0.dev0): a
 * progress header {@code [batch=10/4800]:} (or {@code [epoch=1][batch=10/100]:}, {@code [token=...]:}) and one
 * tab-indented metric per line, {@code \t Train time/batch: 9}, {@code \t Train time/token: 4718592},
 * {@code \t Train loss/train/total: 7.1234}; evaluation prints {@code [Eval batch=20/20] Eval on eval data:} then
 * {@code \t Eval metrics/eval/LanguageCrossEntropy: 3.5}. The event comes on the loss line. Its step is time/batch
 * + 1 when logged (time/* is logged at batch start, before the batch counts), else the header's batch. The loss is
 * loss/train/total, the training objective (token cross-entropy in nats for llm-foundry LMs). Tokens are time/token,
 * the cumulative count as logged at the start of the batch: one batch behind the step, the only count the console
 * shows. LanguageCrossEntropy (or CrossEntropy) of an eval block is an eval point at the last train step.
 */
public final class ComposerFormat extends StepFormat {
    private final Scan scan = new Scan();
    private long headerBatch = -1;
    private long timeBatch = -1;
    private long tokens = -1;
    private long lastStep;

    public ComposerFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "composer"; }

    @Override protected List<String> needles() { return List.of("[", "Train ", "Eval metrics/"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        int i = NanoGptFormat.skipBlanks(s, 0);
        if (i < s.length() && s.charAt(i) == '[') return header(s, i);
        if (Scan.startsWith(s, i, "Train ")) return train(s, Scan.past(i, "Train "));
        if (Scan.startsWith(s, i, "Eval metrics/")) {
            int k = Scan.indexOf(s, "/LanguageCrossEntropy:", i);
            if (k < 0) k = Scan.indexOf(s, "/CrossEntropy:", i);
            if (k < 0) return LineResult.IGNORED;
            if (!scan.number(s, s.toString().indexOf(':', k))) return LineResult.REJECTED;
            return LineResult.of(StepEvent.train(lastStep, opts.lossUnit().toNats(scan.value)).withPhase(Phase.EVAL));
        }
        return LineResult.IGNORED;
    }

    private LineResult header(CharSequence s, int i) {
        if (Scan.startsWith(s, i, "[Eval ")) return LineResult.IGNORED;
        int b = Scan.indexOf(s, "[batch=", i);
        timeBatch = -1;
        tokens = -1;
        headerBatch = b >= 0 && scan.integerPast(s, b, "[batch=") ? (long) scan.value : -1;
        return LineResult.IGNORED;
    }

    private LineResult train(CharSequence s, int i) {
        if (Scan.startsWith(s, i, "time/batch:")) {
            if (scan.integerPast(s, i, "time/batch:") && scan.value >= 0) timeBatch = (long) scan.value;
            return LineResult.IGNORED;
        }
        if (Scan.startsWith(s, i, "time/token:")) {
            if (scan.integerPast(s, i, "time/token:") && scan.value >= 0) tokens = (long) scan.value;
            return LineResult.IGNORED;
        }
        if (!Scan.startsWith(s, i, "loss/train/total:")) return LineResult.IGNORED;
        long step = timeBatch >= 0 ? timeBatch + 1 : headerBatch;
        if (step < 0) return LineResult.IGNORED;
        if (!scan.numberPast(s, i, "loss/train/total:")) return LineResult.REJECTED;
        lastStep = step;
        return LineResult.of(new StepEvent(step, OptionalDouble.of(opts.lossUnit().toNats(scan.value)),
                tokens >= 0 ? OptionalLong.of(tokens) : OptionalLong.empty(), OptionalDouble.empty(),
                OptionalLong.empty(), 0L, Phase.TRAIN));
    }
}
