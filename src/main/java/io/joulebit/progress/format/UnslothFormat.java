package io.joulebit.progress.format;

import java.util.List;
import java.util.OptionalLong;

/**
 * Unsloth (unsloth/models/llama.py, main 2026-08): before training it prints its banner, {@code ==((====))==
 * Unsloth - 2x faster free finetuning | Num GPUs used = 1} (and the model-loading {@code ==((====))==  Unsloth
 * 2026.8.1: Fast Llama patching.}), then the dict lines of the HF/TRL trainer it patches. Dict lines count only
 * after a banner, so this format refines trl and hf-trainer. Tokens: TRL's 'num_tokens' when printed, else HF's
 * num_input_tokens_seen. Loss: token cross-entropy, nats. Steps and eval points as in {@link HfTrainerFormat}.
 */
public final class UnslothFormat extends StepFormat {
    private final HfTrainerFormat dicts;
    private final Scan scan = new Scan();
    private boolean banner;

    public UnslothFormat(FormatOptions opts) {
        super(opts);
        dicts = new HfTrainerFormat(opts);
    }

    @Override public String name() { return "unsloth"; }

    @Override protected List<String> needles() { return List.of("Unsloth", "loss"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        if (!banner) {
            banner = Scan.contains(s, "==((====))==") && Scan.contains(s, "Unsloth");
            return LineResult.IGNORED;
        }
        LineResult r = dicts.readSegment(s);
        OptionalLong n = PyDictKeys.count(scan, s, "num_tokens");
        return n.isPresent() ? PyDictKeys.withTrainTokens(r, n.getAsLong()) : r;
    }
}
