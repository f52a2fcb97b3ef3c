package io.joulebit.progress.format;

import java.util.List;
import java.util.OptionalLong;

/**
 * TRL trainers (huggingface/trl trl/trainer/sft_trainer.py, 1.10.0.dev0): HF Trainer dict lines with TRL's extra
 * keys, {@code {'loss': 1.23, 'grad_norm': 0.5, 'learning_rate': 2e-05, 'entropy': 1.1, 'num_tokens': 123456.0,
 * 'mean_token_accuracy': 0.71, 'epoch': 0.1}}. A line counts only with 'num_tokens' or 'mean_token_accuracy' (or
 * their eval_ forms), so this format refines hf-trainer. num_tokens is the cumulative count of non-padding tokens
 * trained on, summed over processes, and becomes the train event's tokens. SFT's loss is the token cross-entropy
 * in nats; DPO/GRPO trainers also print num_tokens, but their loss is a preference or policy objective, not a
 * cross-entropy. Steps and eval points as in {@link HfTrainerFormat}.
 */
public final class TrlFormat extends StepFormat {
    private final HfTrainerFormat dicts;
    private final Scan scan = new Scan();

    public TrlFormat(FormatOptions opts) {
        super(opts);
        dicts = new HfTrainerFormat(opts);
    }

    @Override public String name() { return "trl"; }

    @Override protected List<String> needles() { return List.of("loss"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        if (!PyDictKeys.has(s, "num_tokens") && !PyDictKeys.has(s, "mean_token_accuracy")
                && !PyDictKeys.has(s, "eval_num_tokens") && !PyDictKeys.has(s, "eval_mean_token_accuracy")) {
            return LineResult.IGNORED;
        }
        LineResult r = dicts.readSegment(s);
        OptionalLong n = PyDictKeys.count(scan, s, "num_tokens");
        return n.isPresent() ? PyDictKeys.withTrainTokens(r, n.getAsLong()) : r;
    }
}
