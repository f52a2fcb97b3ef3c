package io.joulebit.progress;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One logged optimizer step (or eval point).
 *
 * @param lossNats       loss in nats/token (parsers convert bits and perplexity at the read); may be NaN/Inf as logged
 * @param tokens         CUMULATIVE loss-bearing tokens so far, all ranks counted once (D of PHYSICS.md)
 * @param batchSequences sequences per optimizer step, global (for the SGD temperature of PHYSICS.md §6)
 * @param monoNanos      when the agent saw it (monotonic clock); parsers leave 0 and the source stamps it
 */
public record StepEvent(long step, OptionalDouble lossNats, OptionalLong tokens, OptionalDouble learningRate,
                        OptionalLong batchSequences, long monoNanos, Phase phase) {
    public StepEvent {
        Objects.requireNonNull(lossNats, "lossNats");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(learningRate, "learningRate");
        Objects.requireNonNull(batchSequences, "batchSequences");
        Objects.requireNonNull(phase, "phase");
    }

    public static StepEvent train(long step, double lossNats) {
        return new StepEvent(step, OptionalDouble.of(lossNats), OptionalLong.empty(), OptionalDouble.empty(),
                OptionalLong.empty(), 0L, Phase.TRAIN);
    }

    public StepEvent withTokens(long cumulativeTokens) {
        return new StepEvent(step, lossNats, OptionalLong.of(cumulativeTokens), learningRate, batchSequences,
                monoNanos, phase);
    }

    public StepEvent withLearningRate(double lr) {
        return new StepEvent(step, lossNats, tokens, OptionalDouble.of(lr), batchSequences, monoNanos, phase);
    }

    public StepEvent withBatchSequences(long sequences) {
        return new StepEvent(step, lossNats, tokens, learningRate, OptionalLong.of(sequences), monoNanos, phase);
    }

    public StepEvent withMonoNanos(long nanos) {
        return new StepEvent(step, lossNats, tokens, learningRate, batchSequences, nanos, phase);
    }

    public StepEvent withPhase(Phase p) {
        return new StepEvent(step, lossNats, tokens, learningRate, batchSequences, monoNanos, p);
    }
}
