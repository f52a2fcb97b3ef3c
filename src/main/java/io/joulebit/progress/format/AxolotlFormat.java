package io.joulebit.progress.format;

import java.util.List;
import java.util.OptionalLong;

/**
 * axolotl (src/axolotl/core/trainers/base.py AxolotlTrainer.log, main 2026-07): HF Trainer dict lines with
 * axolotl's extra keys, {@code {'loss': 1.2, 'grad_norm': 0.4, 'learning_rate': 2e-05, 'ppl': 3.32,
 * 'memory/max_active (GiB)': 10.2, 'memory/max_allocated (GiB)': 10.2, 'memory/device_reserved (GiB)': 12.0,
 * 'tokens/train_per_sec_per_gpu': 1234.5, 'tokens/trainable': 12345, 'tokens/total': 23456, 'epoch': 0.1}} (2024
 * releases: {@code 'memory/max_mem_active(gib)'}). A line counts only with a memory/ key, 'ppl'/'eval_ppl' or
 * 'tokens/total', so this format refines hf-trainer. The loss is the token cross-entropy, nats (ppl is its
 * exponential, not read). 'tokens/total' (cumulative, every token of the batches, prompt included) becomes the
 * train event's tokens; 'tokens/trainable' (loss-bearing only) when total is absent. Steps and eval points as in
 * {@link HfTrainerFormat}.
 */
public final class AxolotlFormat extends StepFormat {
    private final HfTrainerFormat dicts;
    private final Scan scan = new Scan();

    public AxolotlFormat(FormatOptions opts) {
        super(opts);
        dicts = new HfTrainerFormat(opts);
    }

    @Override public String name() { return "axolotl"; }

    @Override protected List<String> needles() { return List.of("loss"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        if (!Scan.contains(s, "'memory/") && !PyDictKeys.has(s, "ppl") && !PyDictKeys.has(s, "eval_ppl")
                && !PyDictKeys.has(s, "tokens/total")) {
            return LineResult.IGNORED;
        }
        LineResult r = dicts.readSegment(s);
        OptionalLong n = PyDictKeys.count(scan, s, "tokens/total");
        if (n.isEmpty()) n = PyDictKeys.count(scan, s, "tokens/trainable");
        return n.isPresent() ? PyDictKeys.withTrainTokens(r, n.getAsLong()) : r;
    }
}
