package io.joulebit.store;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** One journaled step event with the wall time the agent saw it. A logged NaN loss reads back as absent. */
public record StepRow(String runId, long step, Phase phase, OptionalDouble lossNats, OptionalLong tokens,
                      OptionalDouble learningRate, OptionalLong batchSequences, Instant wallTime)
        implements JournalRow {
    public StepRow {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(lossNats, "lossNats");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(learningRate, "learningRate");
        Objects.requireNonNull(batchSequences, "batchSequences");
        Objects.requireNonNull(wallTime, "wallTime");
    }

    public static StepRow of(String runId, StepEvent e, Instant wallTime) {
        return new StepRow(runId, e.step(), e.phase(), e.lossNats(), e.tokens(), e.learningRate(),
                e.batchSequences(), wallTime);
    }
}
