package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Hugging Face Trainer stdout: Python dict reprs such as {@code {'loss': 2.3, 'grad_norm': nan, 'learning_rate':
 * 4.9e-05, 'epoch': 0.1}}, often after tqdm redraws on the same line. {@code eval_loss} makes an eval point;
 * {@code num_input_tokens_seen} gives cumulative tokens. The dict carries no step, so unless it has a 'step' key
 * the step is the count of train dicts × {@code loggingSteps} (HF's logging_steps).
 * Source: transformers v4.4x {@code trainer_callback.py}, {@code ProgressCallback.on_log} writing {@code str(logs)} of
 * the dict {@code Trainer.log} builds (trainer.py) under the tqdm bar; {@code PrinterCallback} prints the same dict
 * when there is no bar.
 */
public final class HfTrainerFormat extends StepFormat {
    private final Scan scan = new Scan();
    private long trainLines;

    public HfTrainerFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "hf-trainer"; }

    @Override protected List<String> needles() { return List.of("loss"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        int open = s.toString().indexOf('{');
        if (open < 0) return LineResult.IGNORED;
        boolean eval;
        int at;
        if ((at = key(s, "eval_loss", open)) >= 0) eval = true;
        else if ((at = key(s, "loss", open)) >= 0) eval = false;
        else return LineResult.IGNORED;
        if (!value(s, at)) return LineResult.REJECTED;
        double loss = scan.value;
        long step;
        int st = key(s, "step", open);
        if (st >= 0 && value(s, st) && scan.value == Math.rint(scan.value) && scan.value >= 0) {
            step = (long) scan.value;
            if (!eval) trainLines = step / opts.loggingSteps();
        } else {
            if (!eval) trainLines++;
            step = trainLines * opts.loggingSteps();
        }
        OptionalLong tokens = OptionalLong.empty();
        int tk = key(s, "num_input_tokens_seen", open);
        if (tk >= 0 && value(s, tk) && scan.value >= 0 && scan.value == Math.rint(scan.value)) {
            tokens = OptionalLong.of((long) scan.value);
        }
        OptionalDouble lr = OptionalDouble.empty();
        int l = key(s, "learning_rate", open);
        if (l >= 0 && value(s, l)) lr = OptionalDouble.of(scan.value);
        return LineResult.of(new StepEvent(step, OptionalDouble.of(opts.lossUnit().toNats(loss)), tokens, lr,
                OptionalLong.empty(), 0L, eval ? Phase.EVAL : Phase.TRAIN));
    }

    /** Index just past {@code 'name':} (Python repr quoting: JSON lines belong to the jsonl format), or -1. */
    private static int key(CharSequence s, String name, int from) { return PyDictKeys.quotedKey(s, name, from); }

    /** A number, bare nan/inf, or wrapped as np.float32(...) / tensor(...). */
    private boolean value(CharSequence s, int at) {
        int i = NanoGptFormat.skipBlanks(s, at);
        if (Scan.startsWith(s, i, "np.") || Scan.startsWith(s, i, "tensor(") || Scan.startsWith(s, i, "numpy.")) {
            int p = s.toString().indexOf('(', i);
            if (p < 0) return false;
            i = p + 1;
        }
        return scan.number(s, i);
    }
}
