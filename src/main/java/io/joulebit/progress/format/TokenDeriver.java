package io.joulebit.progress.format;

import io.joulebit.progress.TokenOrigin;
import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Gives parsed events CUMULATIVE token counts, in order of trust: the log's own count; consumed samples × seq-len;
 * step × tokens-per-step. Without any of these tokens stay empty: never guessed. A product that overflows a long is
 * no count either. An eval point with no source of its own carries the train stream's count so far (tokens trained
 * on when it was measured). One per followed file.
 */
public final class TokenDeriver {
    private final long seqLen;          // 0 when not configured
    private final long tokensPerStep;   // 0 when not configured
    private TokenOrigin origin = TokenOrigin.NONE;
    private long lastTrainTokens = -1;
    private long derived;

    public TokenDeriver(FormatOptions opts) {
        this.seqLen = opts.seqLen().orElse(0);
        this.tokensPerStep = opts.tokensPerStep().orElse(0);
    }

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
        boolean logged = e.tokens().isPresent();
        if (!derive(logged, logged ? e.tokens().getAsLong() : 0, consumedSamples, e.step(), e.phase())) return e;
        return logged ? e : e.withTokens(derived);
    }

    /** The same rules on a reusable record (replay-log's allocation-free path). */
    public void apply(StepRecord r) {
        if (derive(r.hasTokens, r.tokens, r.consumedSamples, r.step, r.phase)) {
            r.hasTokens = true;
            r.tokens = derived;
        }
    }

    /** Puts the event's count in {@link #derived}; false when it gets none. */
    private boolean derive(boolean logged, long logTokens, long consumedSamples, long step, Phase phase) {
        long t;
        if (logged) {
            t = logTokens;
            origin = TokenOrigin.LOG;
        } else if (consumedSamples >= 0 && seqLen > 0) {
            if ((t = product(consumedSamples, seqLen)) < 0) return false;
            origin = TokenOrigin.SAMPLES_X_SEQ_LEN;
        } else if (tokensPerStep > 0 && step >= 0) {
            if ((t = product(step, tokensPerStep)) < 0) return false;
            origin = TokenOrigin.STEPS_X_TOKENS_PER_STEP;
        } else if (phase == Phase.EVAL && lastTrainTokens >= 0) {
            t = lastTrainTokens;
        } else {
            return false;
        }
        if (phase == Phase.TRAIN) lastTrainTokens = t;
        derived = t;
        return true;
    }

    /** a × b for a, b ≥ 0, or -1 when it overflows. */
    private static long product(long a, long b) {
        long p = a * b;
        return Math.multiplyHigh(a, b) != 0 || p < 0 ? -1 : p;
    }
}
