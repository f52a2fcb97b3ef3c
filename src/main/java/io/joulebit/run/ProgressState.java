package io.joulebit.run;

import io.joulebit.progress.LineCounts;
import io.joulebit.thermo.PrequentialCurve;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The training curve as of a snapshot.
 *
 * @param trainSteps          train events accepted (run_steps_total)
 * @param lastStep            the last train step number seen, -1 before the first
 * @param tokens              D, cumulative tokens; empty when no source gives tokens (flag no_tokens)
 * @param lossBits            last finite train loss in bits (NaN before the first)
 * @param smoothedLossBits    L̄ (NaN before the first)
 * @param evalLossBits        last eval loss in bits (NaN when none)
 * @param nonFiniteLosses     NaN/Inf losses dropped (PHYSICS.md §8)
 * @param tokensDecreased     events whose cumulative tokens went backwards (ignored; counters never go backwards)
 * @param stepsReplayed       train events at or below the last counted step (a re-read log), not counted again
 * @param lines               what the progress source made of its input (reported by the source itself)
 * @param lastEventEpochSeconds wall time of the last progress event, NaN before the first
 * @param curve               the loss curve's area and token window for the structural figures (PHYSICS.md §2)
 */
public record ProgressState(long trainSteps, long lastStep, OptionalLong tokens, double lossBits,
                            double smoothedLossBits, double evalLossBits, long nonFiniteLosses,
                            long tokensDecreased, long stepsReplayed, LineCounts lines,
                            double lastEventEpochSeconds,
                            Optional<PrequentialCurve> curve) {
    public ProgressState {
        Objects.requireNonNull(curve, "curve");
    }
}
