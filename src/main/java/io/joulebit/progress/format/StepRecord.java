package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One event's fields as primitives, refilled for every line: what {@link ByteLineFormat} parses into so replay-log
 * builds no objects per line. {@link #toEvent()} and {@link #set(StepEvent, long)} convert to and from the record
 * the rest of the agent uses, so both paths carry the same values. Its fields are public and mutable on purpose:
 * the replay pipeline ({@code io.joulebit.progress.replay}) reads millions of them without a copy or an accessor call.
 */
public final class StepRecord {
    public long step;
    public Phase phase = Phase.TRAIN;
    public boolean hasLoss;
    public double lossNats;
    public boolean hasTokens;
    public long tokens;
    public boolean hasLr;
    public double lr;
    public boolean hasBatch;
    public long batch;
    /** Global samples so far as logged, or negative when the line had none. */
    public long consumedSamples = -1;

    public void set(StepEvent e, long consumed) {
        step = e.step();
        phase = e.phase();
        hasLoss = e.lossNats().isPresent();
        lossNats = hasLoss ? e.lossNats().getAsDouble() : Double.NaN;
        hasTokens = e.tokens().isPresent();
        tokens = hasTokens ? e.tokens().getAsLong() : 0;
        hasLr = e.learningRate().isPresent();
        lr = hasLr ? e.learningRate().getAsDouble() : Double.NaN;
        hasBatch = e.batchSequences().isPresent();
        batch = hasBatch ? e.batchSequences().getAsLong() : 0;
        consumedSamples = consumed;
    }

    public StepEvent toEvent() {
        return new StepEvent(step, hasLoss ? OptionalDouble.of(lossNats) : OptionalDouble.empty(),
                hasTokens ? OptionalLong.of(tokens) : OptionalLong.empty(),
                hasLr ? OptionalDouble.of(lr) : OptionalDouble.empty(),
                hasBatch ? OptionalLong.of(batch) : OptionalLong.empty(), 0L, phase);
    }
}
