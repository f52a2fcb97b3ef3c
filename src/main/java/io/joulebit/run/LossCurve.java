package io.joulebit.run;

import io.joulebit.thermo.Baseline;
import io.joulebit.thermo.BaselineEstimator;
import io.joulebit.thermo.DivergenceTracker;
import io.joulebit.thermo.Ema;
import io.joulebit.thermo.Prequential;
import io.joulebit.thermo.PrequentialCurve;
import io.joulebit.thermo.Units;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which train events enter the curve, and the curve they make: steps, tokens D (never backwards), the loss in bits,
 * its smoothing L̄, the baseline H and the prequential sum of the structural figures. The one place these rules live:
 * the accountant's {@link ProgressTracker} and replay-log's summary both feed it, so both give the same figures. Takes
 * primitives so replay-log allocates nothing per line. Not thread-safe.
 */
public final class LossCurve {
    /** Loaded on the first warning only: replay-log's start-up budget has no room for the logging back end. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(LossCurve.class);
    }

    /** What became of a train event. */
    public enum Outcome { REPLAYED, NO_LOSS, DROPPED, POINT }

    private final RunSettings settings;
    private final BaselineEstimator baselineEstimator;
    private final Ema ema;
    private final DivergenceTracker divergence = new DivergenceTracker();
    private Prequential prequential = new Prequential();
    private long trainSteps;
    private long lastStep = -1;
    private long tokens = -1;
    private long tokensDecreased;
    private long stepsReplayed;
    private double lossBits = Double.NaN;

    public LossCurve(RunSettings settings) {
        this.settings = settings;
        this.baselineEstimator = new BaselineEstimator(settings.baselinePoints());
        this.ema = new Ema(settings.smoothingHalfLifePoints());
    }

    /** One train event; {@code hasTokens}/{@code hasLoss} say whether it carried them. */
    public Outcome accept(long step, boolean hasLoss, double lossNats, boolean hasTokens, long cumulativeTokens) {
        boolean moreTokens = hasTokens && cumulativeTokens > tokens;
        if (lastStep >= 0 && step <= lastStep && !moreTokens) {
            // A step we already counted: a log rewritten whole or re-read after truncation, or training resumed
            // from an earlier checkpoint. Counted, never added twice. A lower step that brings new tokens is new
            // progress (the step counter restarted, or one bogus huge step number was logged), so it counts.
            stepsReplayed++;
            return Outcome.REPLAYED;
        }
        trainSteps++;
        lastStep = step;
        if (hasTokens) {
            if (cumulativeTokens < tokens) { // D never goes backwards; a restarted counter is noted, not followed
                if (tokensDecreased++ == 0) {
                    Log.LOG.warn("run {}: cumulative tokens went backwards at step {} ({} after {}); D stays, counted in "
                            + "tokens_decreased", settings.runId(), step, cumulativeTokens, tokens);
                } else {
                    Log.LOG.debug("run {}: tokens went backwards again at step {}", settings.runId(), step);
                }
            } else {
                tokens = cumulativeTokens;
            }
        }
        if (!hasLoss) return Outcome.NO_LOSS;
        boolean wasDiverged = divergence.diverged();
        if (!divergence.accept(lossNats)) { // NaN/Inf: dropped and counted (PHYSICS.md §8)
            if (!wasDiverged && divergence.diverged()) {
                Log.LOG.warn("run {} diverged at step {}: {} non-finite losses in a row (flag diverged stays set)",
                        settings.runId(), step, divergence.consecutiveDropped());
            }
            return Outcome.DROPPED;
        }
        lossBits = Units.natsToBits(lossNats);
        if (settings.fixedBaseline() == null) baselineEstimator.add(lossBits);
        ema.add(lossBits);
        if (tokens >= 0) prequential.add(tokens, lossBits); // the raw loss as logged, not L̄ (PHYSICS.md §2)
        return Outcome.POINT;
    }

    /**
     * Continue from stored totals (resume after a restart): counts, D, L̄, H and the prequential sum come back. Without
     * a stored curve (a checkpoint from before it was stored) the sum starts at the next point.
     */
    public void restore(long steps, long last, OptionalLong storedTokens, double smoothedBits, double baselineBits,
                        Optional<PrequentialCurve> curve) {
        trainSteps = steps;
        lastStep = last;
        tokens = storedTokens.orElse(-1);
        if (Double.isFinite(smoothedBits)) {
            ema.add(smoothedBits);
            lossBits = smoothedBits;
        }
        if (settings.fixedBaseline() == null && Double.isFinite(baselineBits)) {
            for (int i = 0; i < settings.baselinePoints(); i++) baselineEstimator.add(baselineBits);
        }
        curve.ifPresent(c -> prequential = Prequential.resume(c));
    }

    public Optional<Baseline> baseline() {
        return settings.fixedBaseline() != null ? Optional.of(settings.fixedBaseline()) : baselineEstimator.baseline();
    }

    public double smoothedLossBits() { return ema.value().orElse(Double.NaN); }

    public OptionalLong tokens() { return tokens < 0 ? OptionalLong.empty() : OptionalLong.of(tokens); }

    public long trainSteps() { return trainSteps; }

    public long lastStep() { return lastStep; }

    public double lossBits() { return lossBits; }

    public long tokensDecreased() { return tokensDecreased; }

    public long stepsReplayed() { return stepsReplayed; }

    public boolean diverged() { return divergence.diverged(); }

    public long nonFiniteLosses() { return divergence.droppedPoints(); }

    /** The prequential sum so far; empty before a point with both tokens and a finite loss. */
    public Optional<PrequentialCurve> curve() { return prequential.curve(); }
}
