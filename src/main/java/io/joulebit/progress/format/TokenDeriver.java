package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Gives parsed events CUMULATIVE token counts, in order of trust: the log's own count; consumed samples × seq-len;
 * step × tokens-per-step. Without any of these tokens stay empty: never guessed. An eval point with no source of
 * its own carries the train stream's count so far (tokens trained on when it was measured). One per followed file.
 */
public final class TokenDeriver {
    private final FormatOptions opts;
    private TokenOrigin origin = TokenOrigin.NONE;
    private long lastTrainTokens = -1;

    public TokenDeriver(FormatOptions opts) { this.opts = opts; }

    /** The origin of the most recent count handed out ({@code NONE} until one is). */
    public TokenOrigin origin() { return origin; }

    public List<StepEvent> apply(LineResult r) {
        List<StepEvent> ev = r.events();
        if (ev.size() == 1) return List.of(apply(ev.get(0), r.consumedSamples()));
        List<StepEvent> out = new ArrayList<>(ev.size());
        for (StepEvent e : ev) out.add(apply(e, r.consumedSamples()));
        return out;
    }

    /** @param consumedSamples global samples so far as logged, or negative when the line had none */
    public StepEvent apply(StepEvent e, long consumedSamples) {
        StepEvent out;
        if (e.tokens().isPresent()) {
            out = e;
            origin = TokenOrigin.LOG;
        } else if (consumedSamples >= 0 && opts.seqLen().isPresent()) {
            out = e.withTokens(Math.multiplyExact(consumedSamples, opts.seqLen().getAsLong()));
            origin = TokenOrigin.SAMPLES_X_SEQ_LEN;
        } else if (opts.tokensPerStep().isPresent() && e.step() >= 0) {
            out = e.withTokens(Math.multiplyExact(e.step(), opts.tokensPerStep().getAsLong()));
            origin = TokenOrigin.STEPS_X_TOKENS_PER_STEP;
        } else if (e.phase() == Phase.EVAL && lastTrainTokens >= 0) {
            out = e.withTokens(lastTrainTokens);
        } else {
            return e;
        }
        if (out.phase() == Phase.TRAIN) lastTrainTokens = out.tokens().getAsLong();
        return out;
    }
}
